using System.Globalization;
using System.Text.Json;

namespace Triggers.Cli.Generate;

/// <summary>
/// Writes generated events as CloudEvents 1.0 JSON Lines, one at a time, with ids in time order. About one line in
/// a thousand is written twice (same id), as a real bus redelivers, to exercise the engine's dedupe.
/// </summary>
internal sealed class HistoryWriter(Stream output, int seed) : IDisposable
{
    private const double DuplicateRate = 0.001;

    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = Core.Expressions.ReadableJsonEncoder.Instance });
    private readonly Random _duplicates = new(unchecked(seed * 31 + 17));
    private long _next;

    /// <summary>Lines written so far, duplicates included.</summary>
    public long Lines { get; private set; }

    public void Write(GeneratedEvent e)
    {
        var id = "evt-" + _next++.ToString("D9", CultureInfo.InvariantCulture);
        var copies = _duplicates.NextDouble() < DuplicateRate ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            WriteOne(e, id);
            _json.Flush();
            _json.Reset();
            output.WriteByte((byte)'\n');
            Lines++;
        }
    }

    public void Dispose() => _json.Dispose();

    private void WriteOne(GeneratedEvent e, string id)
    {
        _json.WriteStartObject();
        _json.WriteString("specversion", "1.0");
        _json.WriteString("id", id);
        _json.WriteString("source", "triggers-generator");
        _json.WriteString("type", e.Type);
        _json.WriteString("time", new DateTime(e.Time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        _json.WriteString("accountid", "acct-" + e.Account.ToString("D5", CultureInfo.InvariantCulture));
        if (e.User is not null)
        {
            _json.WriteString("userid", e.User);
        }

        _json.WriteStartObject("data");
        foreach (var (key, value) in e.Data)
        {
            switch (value)
            {
                case int n:
                    _json.WriteNumber(key, n);
                    break;
                case bool b:
                    _json.WriteBoolean(key, b);
                    break;
                default:
                    _json.WriteString(key, (string)value);
                    break;
            }
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }
}
