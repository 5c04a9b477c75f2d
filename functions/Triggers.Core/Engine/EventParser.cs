using System.Collections.Concurrent;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Parses one CloudEvents 1.0 JSON object (structured mode) in a single forward pass. A malformed event is not an
/// exception: the caller gets the reason, records it and goes on with the next event.
/// </summary>
public static class EventParser
{
    private const int MaxInternedTypes = 4096;
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    // Event types are few and repeat on every event: intern them instead of allocating a string each time.
    private static readonly ConcurrentDictionary<string, string> Types = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="json"/>. The event keeps the array: the caller must not reuse it.</summary>
    public static bool TryParse(byte[] json, out CloudEvent? cloudEvent, out string? error)
    {
        cloudEvent = null;
        try
        {
            error = Parse(json, out cloudEvent);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
        }

        return error is null;
    }

    /// <summary>Parses a copy of <paramref name="json"/>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, out CloudEvent? cloudEvent, out string? error) =>
        TryParse(json.ToArray(), out cloudEvent, out error);

    private static string? Parse(byte[] json, out CloudEvent? cloudEvent)
    {
        cloudEvent = null;
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "an event must be a JSON object";
        }

        string? id = null, type = null, account = null, timeText = null, version = null;
        long time = 0;
        bool hasTime = false, timeIsString = true;
        Range source = default, user = default, subject = default, data = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (name.ValueTextEquals("id"u8))
            {
                id = StringOf(ref reader);
            }
            else if (name.ValueTextEquals("type"u8))
            {
                type = reader.TokenType == JsonTokenType.String ? Intern(ref reader) : null;
            }
            else if (name.ValueTextEquals("accountid"u8))
            {
                account = StringOf(ref reader);
            }
            else if (name.ValueTextEquals("time"u8))
            {
                hasTime = true;
                timeIsString = reader.TokenType == JsonTokenType.String;
                if (timeIsString && reader.TryGetDateTimeOffset(out var t))
                {
                    time = t.UtcTicks;
                }
                else
                {
                    timeText = timeIsString ? reader.GetString() ?? "" : "";
                }
            }
            else if (name.ValueTextEquals("specversion"u8))
            {
                version = reader.TokenType == JsonTokenType.String ? reader.GetString() : "?";
            }
            else
            {
                reader.Skip();
                var range = new Range(start, (int)reader.BytesConsumed);
                if (name.ValueTextEquals("data"u8))
                {
                    data = range;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    if (name.ValueTextEquals("source"u8))
                    {
                        source = range;
                    }
                    else if (name.ValueTextEquals("userid"u8))
                    {
                        user = range;
                    }
                    else if (name.ValueTextEquals("subject"u8))
                    {
                        subject = range;
                    }
                }

                continue;
            }

            reader.Skip();
        }

        if (reader.Read())
        {
            return "unexpected content after the event object";
        }

        var problem = version is not null and not "1.0" ? "specversion must be \"1.0\""
            : string.IsNullOrEmpty(id) ? "missing required attribute 'id'"
            : string.IsNullOrEmpty(type) ? "missing required attribute 'type'"
            : string.IsNullOrEmpty(account) ? "missing required extension attribute 'accountid'"
            : !hasTime || !timeIsString ? "missing required attribute 'time'"
            : timeText is not null ? $"'time' is not an RFC 3339 timestamp: {timeText}"
            : null;
        if (problem is null)
        {
            cloudEvent = new CloudEvent(json, id!, type!, account!, time, source, user, subject, data);
        }

        return problem;
    }

    private static string? StringOf(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static string Intern(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[128];
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > buffer.Length)
        {
            return reader.GetString()!;
        }

        var length = reader.CopyString(buffer);
        var lookup = Types.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(buffer[..length], out var interned))
        {
            return interned;
        }

        var text = new string(buffer[..length]);
        return Types.Count < MaxInternedTypes ? Types.GetOrAdd(text, text) : text;
    }
}
