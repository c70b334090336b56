using System.Buffers;
using System.Text.Json;
using CampaignManager.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// The hub's per-connection send work, timed alone on one thread with a real envelope: how the app
/// sent before <see cref="SerializedEnvelope"/> (parse and clone the envelope for each connection, then
/// the JSON hub protocol re-serializes it) and after (one shared encoding copied into each message).
/// </summary>
internal static class SendCost
{
    public static IReadOnlyList<DeliveryCost.Step> Measure(string envelopeJson)
    {
        var protocol = new JsonHubProtocol();
        var buffer = new ArrayBufferWriter<byte>(8 * 1024);
        using var parsed = JsonDocument.Parse(envelopeJson);
        var element = parsed.RootElement.Clone();
        var shared = SerializedEnvelope.Of(envelopeJson);
        return
        [
            DeliveryCost.Time("before: parse and clone the envelope (`JsonDocument.Parse` + `Clone`)", "1 per connection", _ =>
            {
                using var document = JsonDocument.Parse(envelopeJson);
                return document.RootElement.Clone();
            }),
            DeliveryCost.Time("before: write the invocation message with the parsed envelope (`JsonHubProtocol`)", "1 per connection",
                _ => Write(protocol, buffer, element)),
            DeliveryCost.Time("after: encode the envelope once (`SerializedEnvelope`)", "1 per instance and event",
                _ => SerializedEnvelope.Of(envelopeJson)),
            DeliveryCost.Time("after: write the invocation message with the shared encoding (`JsonHubProtocol`)", "1 per connection",
                _ => Write(protocol, buffer, shared)),
        ];
    }

    private static object? Write(JsonHubProtocol protocol, ArrayBufferWriter<byte> buffer, object argument)
    {
        buffer.ResetWrittenCount();
        protocol.WriteMessage(new InvocationMessage(HubClient.EventName, [argument]), buffer);
        return null;
    }
}
