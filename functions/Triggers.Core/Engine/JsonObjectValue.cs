using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Exposes a JSON object (event data) to expressions without copying it into a dictionary.</summary>
internal sealed class JsonObjectValue(JsonElement element) : IValueObject
{
    public bool TryGetMember(string name, out Value value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property))
        {
            value = FromJson(property);
            return true;
        }

        value = Value.Null;
        return false;
    }

    public IEnumerable<string> MemberNames =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => p.Name) : [];

    public static Value FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Value.String(element.GetString()),
        JsonValueKind.Number => JsonNumber.ToValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)),
        JsonValueKind.True => Value.True,
        JsonValueKind.False => Value.False,
        JsonValueKind.Object => Value.Object(new JsonObjectValue(element)),
        JsonValueKind.Array => Value.List([.. element.EnumerateArray().Select(FromJson)]),
        _ => Value.Null,
    };

    /// <summary>A detached copy, for values kept in state after the JSON document is disposed.</summary>
    public static Value Detach(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Value.Object(TraitMap.From(element)),
        JsonValueKind.Array => Value.List([.. element.EnumerateArray().Select(Detach)]),
        _ => FromJson(element),
    };
}
