using System.Text;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Parses one CloudEvents 1.0 JSON object (structured mode) in a single forward pass. A malformed event is not an
/// exception: the caller gets the reason, records it and goes on with the next event. Only the event type is
/// turned into a string while parsing (and it is shared): other attributes are decoded when first read.
/// </summary>
public static class EventParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    // Event types are few and repeat on every event: intern them instead of allocating a string each time.
    private static readonly Interner Types = new(capacity: 4096);

    /// <summary>Parses <paramref name="json"/>. The event keeps the array: the caller must not reuse it.</summary>
    public static bool TryParse(byte[] json, out CloudEvent? cloudEvent, out string? error) =>
        TryParse(json.AsMemory(), out cloudEvent, out error);

    /// <summary>Parses <paramref name="json"/>. The event keeps referring to the bytes: the caller must not reuse them.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, out CloudEvent? cloudEvent, out string? error)
    {
        cloudEvent = TryReadEnvelope(json.Span, out var envelope, out error) ? new CloudEvent(json, envelope, accountId: null) : null;
        return error is null;
    }

    /// <summary>
    /// Reads and checks the envelope of <paramref name="json"/> without allocating: what a first pass over a
    /// history needs (which account, when, which id) to decide where the event goes before it is replayed.
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

    /// <summary>
    /// The envelope of <paramref name="json"/> read ahead, on any thread (a file reader's), for
    /// <see cref="Simulator.AddShared(ReadOnlyMemory{byte}, in ReadEnvelope, string, long)"/>.
    /// </summary>
    internal static ReadEnvelope ReadAhead(ReadOnlySpan<byte> json) =>
        TryReadEnvelope(json, out var envelope, out var error) ? new ReadEnvelope(envelope, null) : new ReadEnvelope(default, error);

    /// <summary>An envelope read ahead, or why it could not be read (<see cref="Error"/> set).</summary>
    internal readonly record struct ReadEnvelope(Envelope Envelope, string? Error);

    /// <summary>The text of a JSON string token (quotes included in <paramref name="token"/>); null for an empty range.</summary>
    internal static string? Text(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty)
        {
            return null;
        }

        // Unescaped strings (the norm) decode directly; escaped ones go through the JSON reader.
        if (token.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(token[1..^1]);
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string? Read(ReadOnlySpan<byte> json, out Envelope envelope)
    {
        envelope = default;
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "an event must be a JSON object";
        }

        string? type = null, timeText = null, version = null;
        long time = 0;
        bool hasTime = false, timeIsString = true, hasId = false, hasAccount = false;
        Range id = default, account = default, source = default, user = default, subject = default, data = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (name.ValueTextEquals("type"u8))
            {
                type = reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty ? Types.Get(ref reader) : null;
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
                version = reader.TokenType != JsonTokenType.String ? "?" : reader.ValueTextEquals("1.0"u8) ? "1.0" : reader.GetString();
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
                    var filled = !reader.ValueSpan.IsEmpty;
                    if (name.ValueTextEquals("id"u8))
                    {
                        (id, hasId) = (range, filled);
                    }
                    else if (name.ValueTextEquals("accountid"u8))
                    {
                        (account, hasAccount) = (range, filled);
                    }
                    else if (name.ValueTextEquals("source"u8))
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
                else if (name.ValueTextEquals("id"u8))
                {
                    hasId = false;
                }
                else if (name.ValueTextEquals("accountid"u8))
                {
                    hasAccount = false;
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
            : !hasId ? "missing required attribute 'id'"
            : type is null ? "missing required attribute 'type'"
            : !hasAccount ? "missing required extension attribute 'accountid'"
            : !hasTime || !timeIsString ? "missing required attribute 'time'"
            : timeText is not null ? $"'time' is not an RFC 3339 timestamp: {timeText}"
            : null;
        if (problem is null)
        {
            envelope = new Envelope(type!, time, id, account, source, user, subject, data);
        }

        return problem;
    }

    /// <summary>
    /// An event's type and time, and where its other attributes lie in its bytes (string tokens, quotes included).
    /// </summary>
    internal readonly record struct Envelope(
        string Type, long TimeTicks, Range Id, Range Account, Range Source, Range User, Range Subject, Range Data);
}
