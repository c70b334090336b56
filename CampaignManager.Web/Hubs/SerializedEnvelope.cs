using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// An event envelope as the hub sends it: its UTF-8 JSON, written into each connection's message as it is.
/// A live event gets one per instance, shared by every connection it goes to, so a fan-out to N
/// connections encodes the envelope once instead of parsing and re-serializing it N times. Clients
/// receive the same JSON as before.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class SerializedEnvelope
{
    // Keyed by the instance's one parsed copy of a live event; gone when the message is.
    private static readonly ConditionalWeakTable<CampaignEventMessage, SerializedEnvelope> Live = new();

    private readonly byte[] _utf8;

    private SerializedEnvelope(string json) => _utf8 = Encoding.UTF8.GetBytes(json);

    /// <summary>The shared encoding of a live event.</summary>
    public static SerializedEnvelope Of(CampaignEventMessage message) => Live.GetValue(message, m => new SerializedEnvelope(m.EnvelopeJson));

    /// <summary>An envelope read from the event log (recovery and gap filling: one connection's own).</summary>
    public static SerializedEnvelope Of(string envelopeJson) => new(envelopeJson);

    /// <summary>Writes the stored JSON as is: it is the app's own serialized envelope, valid by construction.</summary>
    private sealed class Converter : JsonConverter<SerializedEnvelope>
    {
        public override SerializedEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Envelopes are only sent.");

        public override void Write(Utf8JsonWriter writer, SerializedEnvelope value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
