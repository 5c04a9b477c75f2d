using System.Collections.Concurrent;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Shares one string per distinct short text that repeats across events (event types, trait names), so reading
/// them from JSON allocates nothing after the first time. Bounded: past the cap texts are simply not shared.
/// </summary>
internal sealed class Interner(int capacity)
{
    private const int MaxLength = 128;
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private int _count; // ConcurrentDictionary.Count takes every lock: keep our own (approximate under races, still bounded)

    /// <summary>The reader's current string token (property name or value).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > buffer.Length)
        {
            return reader.GetString()!;
        }

        var length = reader.CopyString(buffer);
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(buffer[..length], out var shared))
        {
            return shared;
        }

        var text = new string(buffer[..length]);
        if (Volatile.Read(ref _count) >= capacity)
        {
            return text;
        }

        Interlocked.Increment(ref _count);
        return _texts.GetOrAdd(text, text);
    }
}
