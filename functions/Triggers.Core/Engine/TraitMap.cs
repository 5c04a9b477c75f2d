using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Account or user traits: the merged <c>data</c> of <c>account.updated</c> / <c>user.updated</c> events.</summary>
public sealed class TraitMap : IValueObject
{
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public bool TryGetMember(string name, out Value value) => _values.TryGetValue(name, out value);

    public IEnumerable<string> MemberNames => _values.Keys;

    public IEnumerable<KeyValuePair<string, Value>> Entries => _values;

    public Value this[string name]
    {
        get => _values.TryGetValue(name, out var v) ? v : Value.Null;
        set
        {
            if (value.IsNull)
            {
                _values.Remove(name);
            }
            else
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Merges a JSON object's members; a member set to null removes the trait. Returns whether anything changed.</summary>
    public bool Merge(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var changed = false;
        foreach (var property in data.EnumerateObject())
        {
            var value = JsonObjectValue.Detach(property.Value);
            var had = _values.TryGetValue(property.Name, out var old);
            if (!had ? !value.IsNull : !old.Equals(value))
            {
                this[property.Name] = value;
                changed = true;
            }
        }

        return changed;
    }

    public static TraitMap From(JsonElement data)
    {
        var map = new TraitMap();
        map.Merge(data);
        return map;
    }
}
