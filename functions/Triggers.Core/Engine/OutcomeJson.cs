using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// The JSON form of an outcome, one object per line, as <c>triggers simulate --format json</c> prints it:
/// <c>kind</c>, <c>time</c>, names, <c>id</c>, then the kind's own fields.
/// </summary>
public static class OutcomeJson
{
    public static void Write(Utf8JsonWriter json, Outcome o)
    {
        json.WriteStartObject();
        Fields(new JsonFields(json), o);
        json.WriteEndObject();
    }

    /// <summary>
    /// An outcome's fields in the order the JSON line has them, to <paramref name="fields"/>: the JSON writer itself, or
    /// <see cref="OutcomeRecorder"/>, which keeps the same calls compactly to make the same line later.
    /// </summary>
    internal static void Fields<T>(T fields, Outcome o)
        where T : IOutcomeFields
    {
        fields.Kind(o.Kind);
        if (!o.TimeUnknown)
        {
            fields.Time(OutcomeField.Time, o.Time.UtcTicks);
        }

        Named(fields, OutcomeField.Playbook, o.Playbook);
        Named(fields, OutcomeField.Rule, o.Rule);
        Text(fields, OutcomeField.AccountId, o.AccountId);
        Named(fields, OutcomeField.Action, o.Action);
        fields.Text(OutcomeField.Id, o.Id);
        Text(fields, OutcomeField.To, o.To);
        Named(fields, OutcomeField.Template, o.Template);
        Text(fields, OutcomeField.Title, o.Title);
        Text(fields, OutcomeField.Assignee, o.Assignee);
        if (o.Assignee is null && o is { Kind: OutcomeKind.Action, Action: "task" })
        {
            fields.Raw(OutcomeField.Assignee, "null"); // the contract lists it for every task: a task nobody is given to says so
        }

        Named(fields, OutcomeField.Priority, o.Priority);
        if (o.Due is { } due)
        {
            fields.Time(OutcomeField.Due, due.UtcTicks);
        }

        Named(fields, OutcomeField.Target, o.Target);
        Named(fields, OutcomeField.Type, o.Type);
        if (o.Payload is not null)
        {
            fields.Raw(o.Action == "webhook" ? OutcomeField.Body : OutcomeField.Data, o.Payload);
        }

        Named(fields, OutcomeField.Milestone, o.Milestone);
        Named(fields, OutcomeField.Status, o.Status);
        Named(fields, OutcomeField.Journey, o.Journey);
        Named(fields, OutcomeField.Stage, o.Stage);
        Text(fields, OutcomeField.Reason, o.Reason);
        Text(fields, OutcomeField.TriggerEvent, o.TriggerEventId);
        if (o.HasBecauseParts)
        {
            // Kept in parts: the engine keeps a rule's fixed explanation once, not once per firing.
            var (head, id, rest) = o.BecauseParts;
            fields.Because(head, id, rest ?? "");
        }
        else
        {
            Text(fields, OutcomeField.Because, o.Because);
        }
    }

    private static void Named<T>(T fields, OutcomeField field, string? value)
        where T : IOutcomeFields
    {
        if (value is not null)
        {
            fields.Named(field, value);
        }
    }

    private static void Text<T>(T fields, OutcomeField field, string? value)
        where T : IOutcomeFields
    {
        if (value is not null)
        {
            fields.Text(field, value);
        }
    }

    /// <summary>Writes the time as <see cref="Format(DateTimeOffset)"/> does, straight into UTF-8 (a line has two or three).</summary>
    internal static void Time(Utf8JsonWriter json, JsonEncodedText name, long utcTicks)
    {
        Span<byte> text = stackalloc byte[32];
        json.WriteString(name, text[..Utf8(new DateTime(utcTicks, DateTimeKind.Utc), text)]);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c>, with <c>.fff</c> (and up to four more digits, to the tick) before the Z when the
    /// second has a fraction, digit by digit: the
    /// culture-aware custom-format path cost a tenth of the output thread's time on a million-outcome replay.
    /// </summary>
    internal static int Utf8(DateTime utc, Span<byte> text)
    {
        var (year, month, day) = utc;
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text[5..7], month);
        text[7] = (byte)'-';
        Digits(text[8..10], day);
        text[10] = (byte)'T';
        Digits(text[11..13], utc.Hour);
        text[13] = (byte)':';
        Digits(text[14..16], utc.Minute);
        text[16] = (byte)':';
        Digits(text[17..19], utc.Second);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            // Milliseconds as before (.250), and the finer digits an event's time carried when there are any
            // (.1234567): two events a tenth of a millisecond apart do not read as simultaneous.
            text[19] = (byte)'.';
            Digits(text[20..27], fraction);
            length = 27;
            while (length > 23 && text[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        text[length] = (byte)'Z';
        return length + 1;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
        {
            into[i] = (byte)('0' + (value % 10));
        }
    }

    /// <summary>Property names escaped once, not on every line, in <see cref="OutcomeField"/> order.</summary>
    internal static readonly JsonEncodedText[] Names =
        [.. Enum.GetValues<OutcomeField>().Select(field => JsonEncodedText.Encode(PropertyName(field)))];

    private static string PropertyName(OutcomeField field) => field switch
    {
        OutcomeField.AccountId => "accountid",
        OutcomeField.TriggerEvent => "trigger_event",
        _ => field.ToString().ToLowerInvariant(),
    };

    internal static readonly JsonEncodedText[] KindText =
        [.. Enum.GetValues<OutcomeKind>().Select(kind => JsonEncodedText.Encode(Kind(kind)))];

    public static string Kind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Action => "action",
        OutcomeKind.Milestone => "milestone",
        OutcomeKind.Stage => "stage",
        OutcomeKind.Suppressed => "suppressed",
        OutcomeKind.Late => "late",
        OutcomeKind.Timer => "timer",
        _ => "rejected",
    };

    /// <summary>How tables and test reports show an outcome's time: <see cref="Format(DateTimeOffset)"/>, or <see cref="NoTime"/> when it has none.</summary>
    public static string Format(Outcome o) => o.TimeUnknown ? NoTime : Format(o.Time);

    /// <summary>What tables show for a time that could not be read (<see cref="Outcome.TimeUnknown"/>).</summary>
    public const string NoTime = "-";

    /// <summary>An outcome's time as text: <c>2026-03-01T08:00:00Z</c>, or <c>2026-03-01T08:00:00.250Z</c> with a fraction (to the tick: <c>.2500001</c>).</summary>
    public static string Format(DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[32];
        return System.Text.Encoding.ASCII.GetString(text[..Utf8(time.UtcDateTime, text)]);
    }

    /// <summary>
    /// Writes a value that is a name from the playbooks (a playbook, rule, journey, stage, milestone, status, action,
    /// template, priority, target or type): the same few hundred strings on every line, so each is escaped and
    /// encoded once per thread and writer encoder and then found by reference, not transcoded again a million times.
    /// </summary>
    internal static void Named(Utf8JsonWriter json, JsonEncodedText name, string value)
    {
        var encoder = json.Options.Encoder;
        var names = t_names;
        if (names is null || !ReferenceEquals(t_namesEncoder, encoder))
        {
            (t_names, t_namesEncoder) = (names = new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance), encoder);
        }

        if (!names.TryGetValue(value, out var encoded))
        {
            if (names.Count >= MaxNames)
            {
                json.WriteString(name, value); // names made at run time (none today): not kept
                return;
            }

            names[value] = encoded = JsonEncodedText.Encode(value, encoder);
        }

        json.WriteString(name, encoded);
    }

    private const int MaxNames = 4096;

    [ThreadStatic]
    private static Dictionary<string, JsonEncodedText>? t_names;

    [ThreadStatic]
    private static System.Text.Encodings.Web.JavaScriptEncoder? t_namesEncoder;
}
