using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// A parsed CloudEvents 1.0 event. Owns the JSON document it reads from (dispose it when done) and keeps the raw
/// bytes, which pending windows store so the trigger event can be shown to templates days later.
/// </summary>
public sealed class CloudEvent : IValueObject, IDisposable
{
    private readonly JsonDocument? _document;
    private JsonObjectValue? _data;

    internal CloudEvent(JsonDocument? document, ReadOnlyMemory<byte> raw, string id, string type, string source, string accountId,
        string? userId, string? subject, long timeTicks, JsonElement data)
    {
        _document = document;
        Raw = raw;
        Id = id;
        Type = type;
        Source = source;
        AccountId = accountId;
        UserId = userId;
        Subject = subject;
        TimeTicks = timeTicks;
        Data = data;
    }

    public string Id { get; }

    public string Type { get; }

    public string Source { get; }

    public string AccountId { get; }

    public string? UserId { get; }

    public string? Subject { get; }

    /// <summary>Event time as UTC ticks: event time, not arrival time, drives every window.</summary>
    public long TimeTicks { get; }

    public DateTimeOffset Time => new(TimeTicks, TimeSpan.Zero);

    public JsonElement Data { get; }

    /// <summary>The event's JSON text as received; stored with pending windows.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

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
            "data" => Data.ValueKind == JsonValueKind.Object ? Value.Object(_data ??= new JsonObjectValue(Data)) : JsonObjectValue.FromJson(Data),
            _ => Value.Null,
        };
        return !value.IsNull;
    }

    public IEnumerable<string> MemberNames => ["id", "type", "source", "accountid", "userid", "subject", "time", "data"];

    public void Dispose() => _document?.Dispose();
}
