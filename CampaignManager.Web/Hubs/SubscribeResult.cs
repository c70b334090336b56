using System.Text.Json.Serialization;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// The answer of every hub method: <c>{ success, error?, sequence?, recovered? }</c>. <see cref="Sequence"/> is
/// the current sequence of the caller's stream of the campaign; <see cref="Recovered"/> answers a
/// <c>fromSequence</c>: true when the missed events were sent, false when the client must reload.
/// </summary>
public sealed record SubscribeResult(
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Sequence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Recovered = null)
{
    public static SubscribeResult Ok(long? sequence = null, bool? recovered = null) => new(true, null, sequence, recovered);

    public static SubscribeResult Failed(string error) => new(false, error);
}
