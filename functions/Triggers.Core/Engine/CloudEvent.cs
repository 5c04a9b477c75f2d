using System.Text;
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
    private readonly byte[] _raw;
    private readonly Range _data;
    private readonly Range _source;
    private readonly Range _user;
    private readonly Range _subject;
    private JsonDocument? _dataDocument;
    private JsonObjectValue? _dataObject;
    private string? _userId;
    private bool _userRead;

    internal CloudEvent(byte[] raw, string id, string type, string accountId, long timeTicks, Range source, Range user, Range subject, Range data)
    {
        _raw = raw;
        Id = id;
        Type = type;
        AccountId = accountId;
        TimeTicks = timeTicks;
        _source = source;
        _user = user;
        _subject = subject;
        _data = data;
    }

    public string Id { get; }

    public string Type { get; }

    public string AccountId { get; }

    /// <summary>Event time as UTC ticks: event time, not arrival time, drives every window.</summary>
    public long TimeTicks { get; }

    public DateTimeOffset Time => new(TimeTicks, TimeSpan.Zero);

    public string Source => Text(_source) ?? "unknown";

    public string? UserId
    {
        get
        {
            if (!_userRead)
            {
                _userId = Text(_user);
                _userRead = true;
            }

            return _userId;
        }
    }

    public string? Subject => Text(_subject);

    /// <summary>The <c>data</c> member, parsed on first use (default when the event has none).</summary>
    public JsonElement Data
    {
        get
        {
            if (_dataDocument is null && !IsEmpty(_data))
            {
                _dataDocument = JsonDocument.Parse(_raw.AsMemory(_data));
            }

            return _dataDocument?.RootElement ?? default;
        }
    }

    /// <summary>The <c>data</c> member's JSON text (empty when the event has none).</summary>
    internal ReadOnlySpan<byte> DataJson => _raw.AsSpan(_data);

    /// <summary>The event's JSON text as received; stored with pending windows.</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <summary>The same bytes, shared rather than copied: nothing ever writes to them.</summary>
    internal byte[] RawBytes => _raw;

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
            _ => Value.Null,
        };
        return !value.IsNull;
    }

    public IEnumerable<string> MemberNames => ["id", "type", "source", "accountid", "userid", "subject", "time", "data"];

    public void Dispose() => _dataDocument?.Dispose();

    private Value DataValue()
    {
        var data = Data;
        return data.ValueKind == JsonValueKind.Object ? Value.Object(_dataObject ??= new JsonObjectValue(data)) : JsonObjectValue.FromJson(data);
    }

    /// <summary>A string attribute's value; the range spans its JSON token, quotes included.</summary>
    private string? Text(Range range)
    {
        if (IsEmpty(range))
        {
            return null;
        }

        var token = _raw.AsSpan(range);
        // Unescaped strings (the norm) decode directly; escaped ones go through the JSON reader.
        if (token.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(token[1..^1]);
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString();
    }

    private static bool IsEmpty(Range range) => range.Start.Value == range.End.Value;
}
