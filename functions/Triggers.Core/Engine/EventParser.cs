using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Parses one CloudEvents 1.0 JSON object (structured mode) in a single forward pass. A malformed event is not an
/// exception: the caller gets the reason, records it and goes on with the next event.
/// </summary>
public static class EventParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    // Event types are few and repeat on every event: intern them instead of allocating a string each time.
    private static readonly Interner Types = new(capacity: 4096);

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

    /// <summary>
    /// Reads the envelope of <paramref name="json"/> without keeping the bytes: what a first pass over a history
    /// needs (which account, when, which id) to decide where the event goes before it is parsed for real.
    /// </summary>
    internal static bool TryReadEnvelope(ReadOnlySpan<byte> json, out Envelope envelope, out string? error)
    {
        envelope = default;
        try
        {
            error = Read(json, out envelope);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
        }

        return error is null;
    }

    private static string? Parse(byte[] json, out CloudEvent? cloudEvent)
    {
        var problem = Read(json, out var e);
        cloudEvent = problem is null ? new CloudEvent(json, e.Id, e.Type, e.AccountId, e.TimeTicks, e.Source, e.User, e.Subject, e.Data) : null;
        return problem;
    }

    private static string? Read(ReadOnlySpan<byte> json, out Envelope envelope)
    {
        envelope = default;
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "an event must be a JSON object";
        }

        string? id = null, type = null, account = null, timeText = null, version = null;
        long time = 0;
        bool hasTime = false, timeIsString = true;
        Range idRange = default, source = default, user = default, subject = default, data = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (name.ValueTextEquals("id"u8))
            {
                id = StringOf(ref reader);
                idRange = new Range(start, (int)reader.BytesConsumed);
            }
            else if (name.ValueTextEquals("type"u8))
            {
                type = reader.TokenType == JsonTokenType.String ? Types.Get(ref reader) : null;
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
            envelope = new Envelope(id!, type!, account!, time, idRange, source, user, subject, data);
        }

        return problem;
    }

    /// <summary>The envelope attributes of an event, with where the others lie in its bytes.</summary>
    internal readonly record struct Envelope(
        string Id, string Type, string AccountId, long TimeTicks, Range IdToken, Range Source, Range User, Range Subject, Range Data);

    private static string? StringOf(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
