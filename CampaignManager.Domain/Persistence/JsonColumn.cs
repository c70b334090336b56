using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence;

/// <summary>
/// Stores a value object as a JSON text column on every provider. The comparer compares the JSON,
/// so EF notices in-place changes and an unchanged value does not become an UPDATE.
/// </summary>
internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        var comparer = new ValueComparer<T>(
            (a, b) => JsonEquals(a, b),
            v => JsonHash(v),
            v => Copy(v));
        property.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer);
        return property;
    }

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} column holds null.");

    // A command tracks the whole campaign, and each scan of the change tracker compares every JSON
    // column of every entity with its snapshot: compared as UTF-8 in this thread's reused buffers,
    // that costs no allocation, where two strings per column and scan were a tenth of a write's
    // garbage (docs/benchmarks.md, "The write's JSON columns").
    private static bool JsonEquals<T>(T? a, T? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        var buffers = Utf8Buffers.OfThisThread;
        return buffers.Write(0, a).SequenceEqual(buffers.Write(1, b));
    }

    private static int JsonHash<T>(T value)
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8Buffers.OfThisThread.Write(0, value));
        return hash.ToHashCode();
    }

    // The snapshot is a deep copy, so a value changed in place still differs from it.
    private static T Copy<T>(T value) =>
        JsonSerializer.Deserialize<T>(Utf8Buffers.OfThisThread.Write(0, value), Options)
        ?? throw new JsonException($"A {typeof(T).Name} value serialized to null.");

    /// <summary>Two UTF-8 buffers per thread, each kept at the size of the largest value written to it.</summary>
    private sealed class Utf8Buffers
    {
        [ThreadStatic]
        private static Utf8Buffers? _ofThisThread;

        private readonly ArrayBufferWriter<byte>[] _buffers = [new(512), new(512)];
        private readonly Utf8JsonWriter[] _writers;

        private Utf8Buffers()
        {
            var options = new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true };
            _writers = [new Utf8JsonWriter(_buffers[0], options), new Utf8JsonWriter(_buffers[1], options)];
        }

        public static Utf8Buffers OfThisThread => _ofThisThread ??= new Utf8Buffers();

        /// <summary>The value as JSON in buffer <paramref name="slot"/>; valid until that slot is written again.</summary>
        public ReadOnlySpan<byte> Write<T>(int slot, T value)
        {
            var buffer = _buffers[slot];
            buffer.ResetWrittenCount();
            var writer = _writers[slot];
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, value, Options);
            writer.Flush();
            return buffer.WrittenSpan;
        }
    }
}
