using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Events;
using CampaignManager.Web.State.Campaigns;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>Assertions about what a circuit's store holds and in which order it got there.</summary>
public static class SessionAssert
{
    /// <summary>
    /// The store's campaign equals a fresh load, compared by content (the views hold lists, which
    /// records compare by reference). <see cref="CampaignView.EventSequence"/> is left out: it is the
    /// game masters' counter at load time, which no event moves on (see the report); the stream's own
    /// position, <see cref="CampaignView.StreamSequence"/>, is compared.
    /// </summary>
    public static void EqualsFreshLoad(CampaignView fresh, SessionCircuit circuit)
    {
        var held = circuit.Campaign;
        Assert.True(held is not null, $"The store holds no campaign. {circuit.Describe()}");
        using var expected = JsonDocument.Parse(Json(fresh));
        using var actual = JsonDocument.Parse(Json(held));
        var differences = new List<string>();
        Compare("$", expected.RootElement, actual.RootElement, differences);
        Assert.True(differences.Count == 0,
            $"The store differs from a fresh load at {string.Join("; ", differences.Take(10))}. {circuit.Describe()}");
    }

    /// <summary>Exactly these sequences were applied, each once, in this order.</summary>
    public static void AppliedExactly(SessionCircuit circuit, long first, long last)
    {
        var expected = Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToList();
        Assert.True(expected.SequenceEqual(circuit.Applied),
            $"Expected the sequences [{string.Join(", ", expected)}] applied once each, in order. {circuit.Describe()}");
    }

    /// <summary>
    /// The stream's rule (ARCHITECTURE.md §2): after a load at sequence s, only s+1 may be applied, then
    /// s+2, and so on; a gap is filled first or the campaign is reloaded, never skipped over.
    /// </summary>
    public static void AppliedOnlyInStreamOrder(SessionCircuit circuit)
    {
        long? last = null;
        foreach (var action in circuit.Actions)
        {
            switch (action)
            {
                case CampaignLoadedAction loaded:
                    last = loaded.Campaign.StreamSequence;
                    break;
                case CampaignEventAppliedAction applied:
                    var sequence = applied.Envelope.Sequence;
                    Assert.True(last is not null, $"Event {sequence} was applied before any load. {circuit.Describe()}");
                    Assert.True(sequence == last + 1,
                        $"Event {sequence} was applied on top of a store at {last}: the events in between were skipped. {circuit.Describe()}");
                    last = sequence;
                    break;
            }
        }
    }

    // Collects the paths where two JSON values differ: "$.calendar.name: fresh \"a\", store \"b\"".
    private static void Compare(string path, JsonElement expected, JsonElement actual, List<string> differences)
    {
        if (expected.ValueKind == JsonValueKind.Object && actual.ValueKind == JsonValueKind.Object)
        {
            var names = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name));
            foreach (var name in names)
            {
                var inExpected = expected.TryGetProperty(name, out var e);
                var inActual = actual.TryGetProperty(name, out var a);
                if (inExpected && inActual)
                {
                    Compare($"{path}.{name}", e, a, differences);
                }
                else
                {
                    differences.Add($"{path}.{name}: only in the {(inExpected ? "fresh load" : "store")}");
                }
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && actual.ValueKind == JsonValueKind.Array && expected.GetArrayLength() == actual.GetArrayLength())
        {
            for (var i = 0; i < expected.GetArrayLength(); i++)
            {
                Compare($"{path}[{i}]", expected[i], actual[i], differences);
            }
        }
        else if (expected.GetRawText() != actual.GetRawText())
        {
            differences.Add($"{path}: fresh {Shorten(expected.GetRawText())}, store {Shorten(actual.GetRawText())}");
        }
    }

    private static string Shorten(string json) => json.Length <= 120 ? json : json[..120] + "…";

    private static string Json(CampaignView view) => JsonSerializer.Serialize(view with { EventSequence = 0 }, CampaignEventJson.Options);
}
