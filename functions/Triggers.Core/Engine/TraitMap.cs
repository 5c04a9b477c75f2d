using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Account or user traits: the merged <c>data</c> of <c>account.updated</c> / <c>user.updated</c> events.</summary>
public sealed class TraitMap : IValueObject
{
    // Created on the first trait: a replay holds every account in memory, many of which never send traits.
    private Dictionary<string, Value>? _values;

    public int Count => _values?.Count ?? 0;

    public bool TryGetMember(string name, out Value value)
    {
        if (_values is not null)
        {
            return _values.TryGetValue(name, out value);
        }

        value = Value.Null;
        return false;
    }

    /// <summary>Forgets every trait, keeping the table's memory for reuse.</summary>
    internal void Clear() => _values?.Clear();

    public IEnumerable<string> MemberNames => _values?.Keys ?? Enumerable.Empty<string>();

    public IEnumerable<KeyValuePair<string, Value>> Entries => _values ?? Enumerable.Empty<KeyValuePair<string, Value>>();

    public Value this[string name]
    {
        get => TryGetMember(name, out var v) ? v : Value.Null;
        set
        {
            if (value.IsNull)
            {
                _values?.Remove(name);
            }
            else
            {
                (_values ??= new Dictionary<string, Value>(StringComparer.Ordinal))[name] = value;
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
            var had = TryGetMember(property.Name, out var old);
            if (!had ? !value.IsNull : !old.Equals(value))
            {
                this[property.Name] = value;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Merges a JSON object given as UTF-8 text, the way <see cref="Merge(JsonElement)"/> does, without building a
    /// document: trait names are shared across accounts and an unchanged string value is not allocated again.
    /// </summary>
    public bool Merge(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (json.IsEmpty || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var changed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Names.Get(ref reader);
            reader.Read();
            var had = TryGetMember(name, out var old);
            if (had && old.Kind == ValueKind.String && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(old.AsString))
            {
                continue;
            }

            var value = Read(ref reader);
            if (!had ? !value.IsNull : !old.Equals(value))
            {
                this[name] = value;
                changed = true;
            }
        }

        return changed;
    }

    private static Value Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Value.String(Values.Get(ref reader));
            case JsonTokenType.Number:
                return Value.Number(reader.GetDouble());
            case JsonTokenType.True:
                return Value.True;
            case JsonTokenType.False:
                return Value.False;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                // Nested traits are rare: a document for them alone keeps one definition of the detached form.
                using (var nested = JsonDocument.ParseValue(ref reader))
                {
                    return JsonObjectValue.Detach(nested.RootElement);
                }

            default:
                return Value.Null;
        }
    }

    // Trait names repeat on every account: one string each, not one per event.
    private static readonly Interner Names = new(capacity: 16384);

    // Many trait values repeat across accounts too (plans, regions, time zones, CSM addresses). Unique ones (names,
    // e-mail addresses) fill the table up to its cap and are then simply allocated. The cap is small on purpose: a
    // table that outgrows the cache costs more per lookup than allocating the string would.
    private static readonly Interner Values = new(capacity: 2048);

    public static TraitMap From(JsonElement data)
    {
        var map = new TraitMap();
        map.Merge(data);
        return map;
    }
}
