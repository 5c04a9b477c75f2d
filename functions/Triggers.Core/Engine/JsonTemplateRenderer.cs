using System.Text;
using System.Text.Json;
using Triggers.Core.Expressions;
using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>Renders a JSON template (webhook body, emitted data, email data) against an evaluation context.</summary>
internal static class JsonTemplateRenderer
{
    /// <summary>
    /// The payload as JSON text: numbers as <see cref="JsonNumberFormat"/> writes them, text as
    /// <see cref="ReadableJsonEncoder"/> escapes it. Its UTF-8 is the body to send, and so the bytes a webhook signature
    /// (Standard Webhooks: HMAC over <c>id.timestamp.body</c>) must be computed over: sign
    /// <c>Encoding.UTF8.GetBytes(payload)</c> and send those same bytes, never a re-serialised copy.
    /// </summary>
    public static string Render(JsonTemplate template, EvalContext context)
    {
        var json = ScratchJson.Begin();
        Write(json, template, context);
        json.Flush();
        return Encoding.UTF8.GetString(ScratchJson.Written);
    }

    private static void Write(Utf8JsonWriter json, JsonTemplate template, EvalContext context)
    {
        switch (template)
        {
            case JsonTemplateObject obj:
                json.WriteStartObject();
                for (var i = 0; i < obj.Members.Count; i++) // indexed: a foreach over the interface boxes an enumerator
                {
                    json.WritePropertyName(obj.Members[i].Key);
                    Write(json, obj.Members[i].Value, context);
                }

                json.WriteEndObject();
                break;
            case JsonTemplateArray array:
                json.WriteStartArray();
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Write(json, array.Items[i], context);
                }

                json.WriteEndArray();
                break;
            case JsonTemplateText text:
                WriteValue(json, text.Template.Compiled.RenderValue(context));
                break;
            case JsonTemplateLiteral literal:
                WriteValue(json, literal.Value);
                break;
        }
    }

    public static void WriteValue(Utf8JsonWriter json, Value value) => ValueJson.Write(json, value);
}
