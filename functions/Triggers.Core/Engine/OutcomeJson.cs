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
        json.WriteString(Names.Kind, KindText[(int)o.Kind]);
        Time(json, Names.Time, o.Time);
        Named(json, Names.Playbook, o.Playbook);
        Named(json, Names.Rule, o.Rule);
        Optional(json, Names.AccountId, o.AccountId);
        Named(json, Names.Action, o.Action);
        json.WriteString(Names.Id, o.Id);
        Optional(json, Names.To, o.To);
        Named(json, Names.Template, o.Template);
        Optional(json, Names.Title, o.Title);
        Optional(json, Names.Assignee, o.Assignee);
        Named(json, Names.Priority, o.Priority);
        if (o.Due is { } due)
        {
            Time(json, Names.Due, due);
        }

        Named(json, Names.Target, o.Target);
        Named(json, Names.Type, o.Type);
        if (o.Payload is not null)
        {
            json.WritePropertyName(o.Action == "webhook" ? Names.Body : Names.Data);
            json.WriteRawValue(o.Payload, skipInputValidation: true);
        }

        Named(json, Names.Milestone, o.Milestone);
        Named(json, Names.Status, o.Status);
        Named(json, Names.Journey, o.Journey);
        Named(json, Names.Stage, o.Stage);
        Optional(json, Names.Reason, o.Reason);
        Optional(json, Names.TriggerEvent, o.TriggerEventId);
        if (o.HasBecauseParts)
        {
            // Written piece by piece: the engine keeps a rule's fixed explanation once, not once per firing.
            var (head, id, rest) = o.BecauseParts;
            json.WritePropertyName(Names.Because);
            json.WriteStringValueSegment(head, isFinalSegment: false);
            if (id is not null)
            {
                json.WriteStringValueSegment(" ", isFinalSegment: false);
                json.WriteStringValueSegment(id, isFinalSegment: false);
            }

            json.WriteStringValueSegment(rest, isFinalSegment: true);
        }
        else
        {
            Optional(json, Names.Because, o.Because);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the time as <see cref="Format"/> does, straight into UTF-8 (a line has two or three).</summary>
    private static void Time(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[24];
        json.WriteString(name, text[..Utf8(time.UtcDateTime, text)]);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c>, with <c>.fff</c> before the Z when there are milliseconds, digit by digit: the
    /// culture-aware custom-format path cost a tenth of the output thread's time on a million-outcome replay.
    /// </summary>
    private static int Utf8(DateTime utc, Span<byte> text)
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
        if (utc.Millisecond != 0)
        {
            text[19] = (byte)'.';
            Digits(text[20..23], utc.Millisecond);
            length = 23;
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

    // Property names escaped once, not on every line.
    private static class Names
    {
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText Playbook = JsonEncodedText.Encode("playbook");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("accountid");
        public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
        public static readonly JsonEncodedText Template = JsonEncodedText.Encode("template");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Assignee = JsonEncodedText.Encode("assignee");
        public static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
        public static readonly JsonEncodedText Due = JsonEncodedText.Encode("due");
        public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Body = JsonEncodedText.Encode("body");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
        public static readonly JsonEncodedText Milestone = JsonEncodedText.Encode("milestone");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Journey = JsonEncodedText.Encode("journey");
        public static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText TriggerEvent = JsonEncodedText.Encode("trigger_event");
        public static readonly JsonEncodedText Because = JsonEncodedText.Encode("because");
    }

    private static readonly JsonEncodedText[] KindText =
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

    /// <summary>An outcome's time as text: <c>2026-03-01T08:00:00Z</c>, or <c>2026-03-01T08:00:00.250Z</c> with milliseconds.</summary>
    public static string Format(DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[24];
        return System.Text.Encoding.ASCII.GetString(text[..Utf8(time.UtcDateTime, text)]);
    }

    /// <summary>
    /// Writes a value that is a name from the playbooks (a playbook, rule, journey, stage, milestone, status, action,
    /// template, priority, target or type): the same few hundred strings on every line, so each is escaped and
    /// encoded once per thread and writer encoder and then found by reference, not transcoded again a million times.
    /// </summary>
    private static void Named(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            return;
        }

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

    private static void Optional(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
