using CampaignManager.Domain.Common;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>Assertions shared by the domain service tests.</summary>
public static class DomainAssert
{
    /// <summary>
    /// Runs a command that must be rejected with exactly <typeparamref name="TException"/>, then proves it
    /// left no trace: same database (re-read), no observer notification, no derived-values signal.
    /// </summary>
    public static async Task<TException> RejectedWithoutTraceAsync<TException>(DomainFixture fixture, Func<Task> act)
        where TException : DomainException
    {
        var before = await fixture.SnapshotAsync();
        var notifications = fixture.Observer.CommittedChanges.Count;
        var signals = 0;
        void Count(DerivedValuesChangedSignal signal) => Interlocked.Increment(ref signals);
        fixture.Derived.Changed += Count;
        try
        {
            var exception = await Assert.ThrowsAsync<TException>(act);
            Assert.Equal(before, await fixture.SnapshotAsync());
            Assert.Equal(notifications, fixture.Observer.CommittedChanges.Count);
            Assert.Equal(0, signals);
            return exception;
        }
        finally
        {
            fixture.Derived.Changed -= Count;
        }
    }

    /// <summary>
    /// A command rejected as invalid input: the error is reported under <paramref name="field"/>, its
    /// message contains every fragment (e.g. the limit), and nothing was saved.
    /// </summary>
    public static async Task<DomainValidationException> InvalidAsync(
        DomainFixture fixture, Func<Task> act, string field, params string[] messageFragments)
    {
        var exception = await RejectedWithoutTraceAsync<DomainValidationException>(fixture, act);
        Assert.True(
            exception.Errors.ContainsKey(field),
            $"Expected an error for '{field}', got: {string.Join("; ", exception.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        var message = string.Join(" ", exception.Errors[field]);
        foreach (var fragment in messageFragments)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        return exception;
    }
}
