using System.Globalization;
using System.Text.Json;

namespace Triggers.Cli.Generate;

/// <summary>Writes generated events as CloudEvents JSON Lines, ids in time order, with a few redeliveries.</summary>
internal static class HistoryWriter
{
    /// <summary>About one line in a thousand is written twice, as a real bus redelivers, to exercise dedupe.</summary>
    private const double DuplicateRate = 0.001;

    public static long Write(IReadOnlyList<GeneratedEvent> events, Stream output, int seed)
    {
        var duplicates = new Random(seed + 1);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long written = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var copies = duplicates.NextDouble() < DuplicateRate ? 2 : 1;
            for (var c = 0; c < copies; c++)
            {
                WriteOne(json, events[i], i);
                json.Flush();
                json.Reset();
                output.WriteByte((byte)'\n');
                written++;
            }
        }

        return written;
    }

    private static void WriteOne(Utf8JsonWriter json, GeneratedEvent e, int index)
    {
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", "evt-" + index.ToString("D9", CultureInfo.InvariantCulture));
        json.WriteString("source", "triggers-generator");
        json.WriteString("type", e.Type);
        json.WriteString("time", new DateTime(e.Time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("accountid", "acct-" + e.Account.ToString("D5", CultureInfo.InvariantCulture));
        if (e.User is not null)
        {
            json.WriteString("userid", e.User);
        }

        json.WriteStartObject("data");
        foreach (var (key, value) in e.Data)
        {
            switch (value)
            {
                case int n:
                    json.WriteNumber(key, n);
                    break;
                case bool b:
                    json.WriteBoolean(key, b);
                    break;
                default:
                    json.WriteString(key, value.ToString());
                    break;
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
