using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>The properties of an outcome's JSON line (<see cref="OutcomeJson"/> names them).</summary>
internal enum OutcomeField : byte
{
    Kind,
    Time,
    Playbook,
    Rule,
    AccountId,
    Action,
    Id,
    To,
    Template,
    Title,
    Assignee,
    Priority,
    Due,
    Target,
    Type,
    Body,
    Data,
    Milestone,
    Status,
    Journey,
    Stage,
    Reason,
    TriggerEvent,
    Because,
}

/// <summary>What <see cref="OutcomeJson.Fields{T}"/> says about one outcome, field by field, in line order.</summary>
internal interface IOutcomeFields
{
    void Kind(OutcomeKind kind);

    void Time(OutcomeField field, long utcTicks);

    /// <summary>A name from the playbooks: one of a few hundred strings, the same instances on every line.</summary>
    void Named(OutcomeField field, string value);

    void Text(OutcomeField field, string value);

    /// <summary>A JSON value the engine rendered (payloads).</summary>
    void Raw(OutcomeField field, string json);

    /// <summary>The explanation in its parts: a head shared by a rule's firings, the event id, the rest.</summary>
    void Because(string head, string? id, string rest);
}

/// <summary>Writes the fields as the properties of a JSON object.</summary>
internal readonly struct JsonFields(Utf8JsonWriter json) : IOutcomeFields
{
    public void Kind(OutcomeKind kind) => json.WriteString(OutcomeJson.Names[(int)OutcomeField.Kind], OutcomeJson.KindText[(int)kind]);

    public void Time(OutcomeField field, long utcTicks) => OutcomeJson.Time(json, OutcomeJson.Names[(int)field], utcTicks);

    public void Named(OutcomeField field, string value) => OutcomeJson.Named(json, OutcomeJson.Names[(int)field], value);

    public void Text(OutcomeField field, string value) => json.WriteString(OutcomeJson.Names[(int)field], value);

    public void Raw(OutcomeField field, string value)
    {
        json.WritePropertyName(OutcomeJson.Names[(int)field]);
        json.WriteRawValue(value, skipInputValidation: true);
    }

    /// <summary>The explanation written segment by segment: one value, never joined into a string.</summary>
    public void Because(string head, string? id, string rest)
    {
        json.WritePropertyName(OutcomeJson.Names[(int)OutcomeField.Because]);
        BecauseValue(json, head, id, rest);
    }

    internal static void BecauseValue(Utf8JsonWriter json, string head, string? id, string rest)
    {
        json.WriteStringValueSegment(head, isFinalSegment: false);
        if (id is not null)
        {
            json.WriteStringValueSegment(" ", isFinalSegment: false);
            json.WriteStringValueSegment(id, isFinalSegment: false);
        }

        json.WriteStringValueSegment(rest, isFinalSegment: true);
    }
}
