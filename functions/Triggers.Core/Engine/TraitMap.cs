using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// Account or user traits: the merged <c>data</c> of <c>account.updated</c> / <c>user.updated</c> events.
/// Kept as a short array in the order traits first arrived, not a hash table: an account has a dozen or two traits,
/// names are shared strings that expressions hold too (found by reference before any text is compared), and a
/// merge meets the traits in the order the last one sent them, so it recognises each name by its bytes at the
/// expected position without hashing anything. Past <see cref="IndexedFrom"/> traits a name index takes over.
/// </summary>
public sealed class TraitMap : IValueObject
{
    private const int IndexedFrom = 24;

    private Slot[] _slots = [];
    private int _count;
    private Dictionary<string, int>? _index;
    private int _version;
    private int _size;

    public int Count => _count;

    /// <summary>
    /// What the traits weigh against an account's allowance (<see cref="AccountState.MaxTraitSize"/>): the length of
    /// every name and text value, 8 for a number, time or true/false, and a nested value's text length.
    /// </summary>
    internal int Size => _size;

    /// <summary>Changes whenever a trait is set, changed or removed: readers that keep something derived from the traits ask it whether to work it out again.</summary>
    internal int Version => _version;

    public bool TryGetMember(string name, out Value value)
    {
        var at = IndexOf(name);
        value = at >= 0 ? _slots[at].Value : Value.Null;
        return at >= 0;
    }

    /// <summary>
    /// Forgets every trait, keeping the table's memory for reuse, and the names where they stood: the next account's
    /// traits (a replay reuses tables from account to account) mostly arrive under the same names in the same
    /// order, and a merge that meets a name where it stood takes it without looking it up.
    /// </summary>
    internal void Clear()
    {
        for (var i = 0; i < _count; i++)
        {
            _slots[i].Value = default;
        }

        _count = 0;
        _size = 0;
        _index = null;
        _version++;
    }

    public IEnumerable<string> MemberNames => Entries.Select(entry => entry.Key);

    public IEnumerable<KeyValuePair<string, Value>> Entries
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return new KeyValuePair<string, Value>(_slots[i].Name, _slots[i].Value);
            }
        }
    }

    public Value this[string name]
    {
        get => TryGetMember(name, out var v) ? v : Value.Null;
        set
        {
            var at = IndexOf(name);
            if (at >= 0)
            {
                Set(at, value);
            }
            else if (!value.IsNull)
            {
                name = Names.Get(name, out var utf8);
                Append(name, utf8, value);
            }
        }
    }

    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var indexed) ? indexed : -1;
        }

        var slots = _slots.AsSpan(0, _count);
        for (var i = 0; i < slots.Length; i++)
        {
            if (ReferenceEquals(slots[i].Name, name))
            {
                return i;
            }
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (string.Equals(slots[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <see cref="IndexOf"/> for a shared name (one the <see cref="Names"/> table holds): it can only equal another
    /// shared name by being the same object, so text is compared with unshared names alone. A merge of a new account's
    /// first traits looks up every name it adds, and comparing each with every name before it added up.
    /// </summary>
    private int IndexOfShared(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var indexed) ? indexed : -1;
        }

        var slots = _slots.AsSpan(0, _count);
        for (var i = 0; i < slots.Length; i++)
        {
            if (ReferenceEquals(slots[i].Name, name) || (slots[i].Utf8 is null && string.Equals(slots[i].Name, name, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Changes the trait at <paramref name="at"/>; null removes it, keeping the others in order.</summary>
    private void Set(int at, Value value)
    {
        _version++;
        _size += Weight(value) - Weight(_slots[at].Value) - (value.IsNull ? _slots[at].Name.Length : 0);
        if (!value.IsNull)
        {
            _slots[at].Value = value;
            return;
        }

        Array.Copy(_slots, at + 1, _slots, at, _count - at - 1);
        _slots[--_count] = default; // no name left over here: the one that stood here has moved down
        if (_index is not null)
        {
            _index = null;
            Index();
        }
    }

    private void Append(string name, byte[]? utf8, Value value)
    {
        _version++;
        _size += name.Length + Weight(value);
        if (_count == _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(4, _count * 2));
        }

        _slots[_count++] = new Slot(name, utf8, value);
        if (_index is not null)
        {
            _index[name] = _count - 1;
        }
        else
        {
            Index();
        }
    }

    private void Index()
    {
        if (_count >= IndexedFrom)
        {
            _index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_slots[i].Name] = i;
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
            if (!had ? !value.IsNull : !Same(old, value))
            {
                this[property.Name] = value;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Merges a JSON object given as UTF-8 text, the way <see cref="Merge(JsonElement)"/> does, without building a
    /// document. Text that is not valid JSON throws <see cref="JsonException"/> and changes nothing.
    /// </summary>
    public bool Merge(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (json.IsEmpty || !reader.Read())
        {
            return false;
        }

        reader.Skip();
        if (reader.Read() || !System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new JsonException("traits must be one JSON value in UTF-8");
        }

        return MergeChecked(json);
    }

    /// <summary>
    /// Merges an event's <c>data</c>, which the event parser has checked (see <see cref="CheckedJsonObject"/>):
    /// trait names are shared across accounts and an unchanged string value is not allocated again.
    /// </summary>
    internal bool MergeChecked(ReadOnlySpan<byte> json) => MergeChecked(json, int.MaxValue, int.MaxValue, out _);

    /// <summary>
    /// Merges as <see cref="MergeChecked(ReadOnlySpan{byte})"/> does, letting <see cref="Size"/> grow by at most
    /// <paramref name="roomForNew"/> for traits not seen before and <paramref name="roomForChanges"/> for new values
    /// of known ones (more, so a full account can still change its plan): what does not fit is not kept (an old value
    /// stays) and is counted in <paramref name="refused"/>. Removals and smaller values make room for the members after them.
    /// </summary>
    internal bool MergeChecked(ReadOnlySpan<byte> json, int roomForNew, int roomForChanges, out int refused)
    {
        refused = 0;
        long grown = 0; // long: the unlimited room is int.MaxValue, and removals make it negative
        var members = new CheckedJsonObject(json);
        var changed = false;
        var expected = 0; // where the next member's trait should be if this object lists them as the last one did
        while (members.Next())
        {
            string? name = null;
            byte[]? utf8 = null;
            int at;
            var bytes = members.Name[1..^1];
            if (expected < _count && !members.NameEscaped && _slots[expected].Utf8 is { } known && bytes.SequenceEqual(known))
            {
                at = expected;
            }
            else if (expected == _count && expected < _slots.Length && !members.NameEscaped && _slots[expected].Utf8 is { } left &&
                     bytes.SequenceEqual(left))
            {
                // The name a cleared table left here (see Clear): shared already, so not looked up again.
                (name, utf8) = (_slots[expected].Name, left);
                at = IndexOfShared(name);
            }
            else
            {
                name = Names.Get(members.Name, members.NameEscaped, out utf8);
                at = utf8 is null ? IndexOf(name) : IndexOfShared(name);
            }

            if (at >= 0)
            {
                expected = at + 1;
                var old = _slots[at].Value;
                if (old.Kind == ValueKind.String && members.Kind == JsonKind.String && members.ValueIs(old.AsString))
                {
                    continue;
                }

                var value = Read(in members);
                if (!Same(old, value))
                {
                    var growth = Weight(value) - Weight(old) - (value.IsNull ? _slots[at].Name.Length : 0);
                    if (growth > 0 && grown + growth > roomForChanges)
                    {
                        refused++;
                        continue;
                    }

                    grown += growth;
                    Set(at, value);
                    expected = value.IsNull ? at : expected;
                    changed = true;
                }
            }
            else
            {
                var value = Read(in members);
                if (!value.IsNull)
                {
                    var weight = name!.Length + Weight(value);
                    if (grown + weight > roomForNew)
                    {
                        refused++;
                        continue;
                    }

                    grown += weight;
                    Append(name, utf8, value);
                    expected = _count;
                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>
    /// Whether a trait's new value is the one it holds: equal, and for a number kept with its text (an id beyond
    /// 2^53), the same text, since two such ids can be the same double.
    /// </summary>
    private static bool Same(Value old, Value value) => old.Equals(value) && old.NumberText == value.NumberText;

    /// <summary>What a value weighs in <see cref="Size"/>.</summary>
    internal static int Weight(Value value) => value.Kind switch
    {
        ValueKind.Null => 0,
        ValueKind.String => value.AsString.Length,
        ValueKind.Number when value.NumberText is { } text => text.Length,
        ValueKind.List or ValueKind.Object => value.ToString().Length, // rare in traits
        _ => 8,
    };

    /// <summary>One trait: its shared name, the name's UTF-8 bytes when shared (for merges), its value.</summary>
    private record struct Slot(string Name, byte[]? Utf8, Value Value);

    private static Value Read(in CheckedJsonObject member)
    {
        switch (member.Kind)
        {
            case JsonKind.String:
                return Value.String(Values.Get(member.Value, member.ValueEscaped, out _));
            case JsonKind.Number:
                return JsonNumber.ToValue(member.Value);
            case JsonKind.True:
                return Value.True;
            case JsonKind.False:
                return Value.False;
            case JsonKind.Object or JsonKind.Array:
                // Nested traits are rare: a document for them alone keeps one definition of the detached form.
                var reader = new Utf8JsonReader(member.Value);
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
