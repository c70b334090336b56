using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// One event of one audience's stream as it travels between instances: the envelope parsed once per
/// instance (never per subscriber) and its JSON kept for anyone who forwards it unchanged.
/// </summary>
public sealed record CampaignEventMessage(Visibility Audience, CampaignEventEnvelope Envelope, string EnvelopeJson)
{
    public Guid CampaignId => Envelope.CampaignId;

    public long Sequence => Envelope.Sequence;

    /// <summary>A row of the log; one just committed here brings its envelope, one read back is parsed.</summary>
    public static CampaignEventMessage From(CampaignEvent row) =>
        new(row.Audience, row.Built ?? CampaignEventEnvelope.FromJson(row.Envelope), row.Envelope);

    /// <summary>The wire form on Redis: <c>{"audience":"Everyone","envelope":{…}}</c>.</summary>
    public string ToWire() => $"{{\"audience\":\"{Audience}\",\"envelope\":{EnvelopeJson}}}";

    public static CampaignEventMessage FromWire(string wire)
    {
        using var document = JsonDocument.Parse(wire);
        var root = document.RootElement;
        var audience = Enum.Parse<Visibility>(root.GetProperty("audience").GetString()!);
        var json = root.GetProperty("envelope").GetRawText();
        return new CampaignEventMessage(audience, CampaignEventEnvelope.FromJson(json), json);
    }
}
