using System.Text.Json;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// One record of SignalR's JSON hub protocol as a lean load client needs it: its type, whether it
/// invokes the watched event, that event's first argument and its top-level <c>sequence</c>, and an
/// invocation's result or error.
/// </summary>
internal readonly ref struct HubMessage
{
    public int Type { get; init; }

    public bool IsEvent { get; init; }

    public long Sequence { get; init; }

    public ReadOnlySpan<byte> Argument { get; init; }

    public JsonElement? Result { get; init; }

    public string? Error { get; init; }

    /// <summary>Reads one record (without its 0x1e separator); <paramref name="eventName"/> is the invocation target watched.</summary>
    public static HubMessage Parse(ReadOnlySpan<byte> record, ReadOnlySpan<byte> eventName)
    {
        var reader = new Utf8JsonReader(record);
        int type = 0;
        var isEvent = false;
        long sequence = -1;
        ReadOnlySpan<byte> argument = default;
        JsonElement? result = null;
        string? error = null;
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isEvent = reader.ValueTextEquals(eventName);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read(); // [
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var from = (int)reader.TokenStartIndex;
                    sequence = TopLevelSequence(ref reader);
                    argument = record[from..(int)reader.BytesConsumed];
                }

                while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != 1)
                {
                    reader.Read();
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                result = JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new HubMessage { Type = type, IsEvent = isEvent, Sequence = sequence, Argument = argument, Result = result, Error = error };
    }

    /// <summary>
    /// What a lean client does with it: the watched event goes to <paramref name="onEvent"/> (sequence, receive
    /// timestamp, first argument), a completion to <paramref name="pending"/>. Returns the server's reason
    /// when it is a close message, else null.
    /// </summary>
    public string? Apply(long receivedAt, Action<long, long, ReadOnlySpan<byte>> onEvent, TaskCompletionSource<JsonElement>? pending)
    {
        switch (Type)
        {
            case 1 when IsEvent && Sequence >= 0:
                onEvent(Sequence, receivedAt, Argument);
                break;
            case 3 when Error is not null:
                pending?.TrySetException(new BenchmarkSetupException($"The hub method failed: {Error}"));
                break;
            case 3:
                pending?.TrySetResult(Result ?? default);
                break;
            case 7:
                return Error ?? "closed by the server";
        }

        return null;
    }

    // Positioned on the argument's StartObject; returns its "sequence" and leaves the reader on its EndObject.
    private static long TopLevelSequence(ref Utf8JsonReader reader)
    {
        long sequence = -1;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return sequence;
    }
}
