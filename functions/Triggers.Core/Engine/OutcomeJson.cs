using System.Globalization;
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
        json.WriteString("kind", Kind(o.Kind));
        json.WriteString("time", Format(o.Time));
        Optional(json, "playbook", o.Playbook);
        Optional(json, "rule", o.Rule);
        Optional(json, "accountid", o.AccountId);
        Optional(json, "action", o.Action);
        json.WriteString("id", o.Id);
        Optional(json, "to", o.To);
        Optional(json, "template", o.Template);
        Optional(json, "title", o.Title);
        Optional(json, "assignee", o.Assignee);
        Optional(json, "priority", o.Priority);
        if (o.Due is { } due)
        {
            json.WriteString("due", Format(due));
        }

        Optional(json, "target", o.Target);
        Optional(json, "type", o.Type);
        if (o.Payload is not null)
        {
            json.WritePropertyName(o.Action == "webhook" ? "body" : "data");
            json.WriteRawValue(o.Payload, skipInputValidation: true);
        }

        Optional(json, "milestone", o.Milestone);
        Optional(json, "status", o.Status);
        Optional(json, "journey", o.Journey);
        Optional(json, "stage", o.Stage);
        Optional(json, "reason", o.Reason);
        Optional(json, "trigger_event", o.TriggerEventId);
        Optional(json, "because", o.Because);
        json.WriteEndObject();
    }

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

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(time.UtcDateTime.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
