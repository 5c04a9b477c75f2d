using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// A parsed CloudEvents 1.0 event. The envelope attributes are read once; <c>data</c> stays as raw bytes until
/// an expression or a trait merge reads it, because most events are only counted, never inspected. Dispose it
/// when done (it may own a parsed JSON document). <see cref="Raw"/> is what pending windows store.
/// </summary>
public sealed class CloudEvent : IValueObject, IDisposable
{
    private ReadOnlyMemory<byte> _raw;
    private EventParser.Envelope _envelope;
    private JsonDocument? _dataDocument;
    private Utf8JsonObject? _dataObject; // kept from event to event: reset rather than allocated for each
    private bool _dataRead;
    private string? _id;
    private string? _userId;
    private bool _userRead;

    internal CloudEvent(ReadOnlyMemory<byte> raw, EventParser.Envelope envelope, string? accountId) => Reset(raw, envelope, accountId);

    /// <summary>An empty event for <see cref="Reset"/>: replays reuse one object rather than allocate one per event.</summary>
    internal CloudEvent() => AccountId = "";

    /// <summary>Makes this object the given event, forgetting everything read from the previous one.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(AccountId))]
    internal CloudEvent Reset(ReadOnlyMemory<byte> raw, EventParser.Envelope envelope, string? accountId)
    {
        Dispose();
        (_raw, _envelope, _dataDocument, _dataRead, _id, _userId, _userRead) = (raw, envelope, null, false, null, null, false);
        AccountId = accountId ?? EventParser.Text(raw.Span[envelope.Account])!;
        return this;
    }

    public string Id => _id ??= EventParser.Text(_raw.Span[_envelope.Id])!;

    /// <summary>Takes <paramref name="text"/> as the id's text if it is exactly the id (plain ASCII, no escapes), so the id is not decoded again.</summary>
    internal void KnowIdAs(string text)
    {
        var token = _raw.Span[_envelope.Id];
        if (_id is null && token.Length == text.Length + 2 && token.IndexOf((byte)'\\') < 0 && System.Text.Ascii.Equals(token[1..^1], text))
        {
            _id = text;
        }
    }

    public string Type => _envelope.Type;

    public string AccountId { get; private set; }

    /// <summary>Event time as UTC ticks: event time, not arrival time, drives every window.</summary>
    public long TimeTicks => _envelope.TimeTicks;

    public DateTimeOffset Time => new(TimeTicks, TimeSpan.Zero);

    public string Source => Text(_envelope.Source) ?? "unknown";

    public string? UserId
    {
        get
        {
            if (!_userRead)
            {
                _userId = Text(_envelope.User);
                _userRead = true;
            }

            return _userId;
        }
    }

    public string? Subject => Text(_envelope.Subject);

    /// <summary>The id as <see cref="SeenIds"/> remembers it, hashed straight from the bytes when they are plain ASCII.</summary>
    internal ulong IdHash => _id is null ? IdHashOf(_raw.Span[_envelope.Id]) : SeenIds.Hash(_id);

    /// <summary>The hash <see cref="IdHash"/> gives for an event whose <c>id</c> is this JSON string token.</summary>
    internal static ulong IdHashOf(ReadOnlySpan<byte> token) =>
        token.IndexOf((byte)'\\') < 0 && System.Text.Ascii.IsValid(token) ? SeenIds.Hash(token[1..^1]) : SeenIds.Hash(EventParser.Text(token)!);

    /// <summary>The <c>data</c> member, parsed on first use (default when the event has none).</summary>
    public JsonElement Data
    {
        get
        {
            if (_dataDocument is null && !IsEmpty(_envelope.Data))
            {
                _dataDocument = JsonDocument.Parse(_raw[_envelope.Data]);
            }

            return _dataDocument?.RootElement ?? default;
        }
    }

    /// <summary>The <c>data</c> member's JSON text (empty when the event has none).</summary>
    internal ReadOnlySpan<byte> DataJson => _raw.Span[_envelope.Data];

    /// <summary>Where the envelope's attributes lie in <see cref="Raw"/>.</summary>
    internal EventParser.Envelope Envelope => _envelope;

    /// <summary>The event's JSON text as received; pending windows keep it (shared, never copied or written to).</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    public bool TryGetMember(string name, out Value value)
    {
        value = name switch
        {
            "id" => Value.String(Id),
            "type" => Value.String(Type),
            "source" => Value.String(Source),
            "accountid" => Value.String(AccountId),
            "userid" => Value.String(UserId),
            "subject" => Value.String(Subject),
            "time" => Value.TimeFromTicks(TimeTicks),
            "specversion" => Value.String("1.0"),
            "data" => DataValue(),
            // Read from the event's bytes when asked: rare in conditions, so the envelope does not keep them.
            "datacontenttype" or "dataschema" => new Utf8JsonObject(_raw).TryGetMember(name, out var attribute) && attribute.Kind == ValueKind.String ? attribute : Value.Null,
            _ => Value.Null,
        };
        return !value.IsNull;
    }

    public IEnumerable<string> MemberNames => ["id", "type", "source", "accountid", "userid", "subject", "time", "datacontenttype", "dataschema", "data"];

    public void Dispose() => _dataDocument?.Dispose();

    /// <summary>
    /// <c>data</c> for expressions: an object is read member by member from the event's bytes (no document is built
    /// for the one or two members a condition reads); anything else through the parsed document.
    /// </summary>
    private Value DataValue()
    {
        var json = _raw[_envelope.Data];
        if (!json.IsEmpty && json.Span[0] == (byte)'{')
        {
            if (!_dataRead)
            {
                (_dataObject ??= new Utf8JsonObject(json)).Reset(json);
                _dataRead = true;
            }

            return Value.Object(_dataObject!);
        }

        return JsonObjectValue.FromJson(Data);
    }

    private string? Text(Range range) => EventParser.Text(_raw.Span[range]);

    private static bool IsEmpty(Range range) => range.Start.Value == range.End.Value;
}
