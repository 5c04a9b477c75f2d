using System.Text.Json;

namespace Triggers.Core.Expressions;

/// <summary>
/// Values as JSON: how webhook bodies and emitted data carry them, and how an object reads when a text template
/// renders one (<c>{"x":1}</c>, not a list of member names). Durations keep their playbook spelling (<c>90d</c>).
/// Numbers are written as <see cref="JsonNumberFormat"/> says, text as <see cref="ReadableJsonEncoder"/> escapes it:
/// give the writer <see cref="ReadableJsonEncoder.WriterOptions"/>.
/// </summary>
public static class ValueJson
{
    public static void Write(Utf8JsonWriter json, Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                json.WriteNullValue();
                break;
            case ValueKind.Bool:
                json.WriteBooleanValue(value.AsBool);
                break;
            case ValueKind.Number:
                WriteNumber(json, value);
                break;
            case ValueKind.Duration:
                json.WriteStringValue(Model.DurationParser.Format(value.AsDuration));
                break;
            case ValueKind.List:
                json.WriteStartArray();
                foreach (var item in value.AsList)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            case ValueKind.Object:
                json.WriteStartObject();
                var obj = value.AsObject!;
                foreach (var name in obj.MemberNames)
                {
                    obj.TryGetMember(name, out var member);
                    json.WritePropertyName(name);
                    Write(json, member);
                }

                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>A number as <see cref="JsonNumberFormat"/> writes it, or as the event wrote it when the double would not give it back.</summary>
    private static void WriteNumber(Utf8JsonWriter json, Value value)
    {
        if (value.NumberText is { } text)
        {
            json.WriteRawValue(text, skipInputValidation: true); // read from valid JSON (or matched as such in YAML)
            return;
        }

        Span<byte> number = stackalloc byte[JsonNumberFormat.MaxLength];
        json.WriteRawValue(number[..JsonNumberFormat.Write(value.AsNumber, number)], skipInputValidation: true);
    }

    /// <summary>The value as compact JSON text, in a buffer of its own (a template may render one inside a body being written).</summary>
    public static string ToJson(Value value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ReadableJsonEncoder.WriterOptions))
        {
            Write(json, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
