namespace Triggers.Core.Expressions;

/// <summary>
/// An <see cref="IValueObject"/> over a dictionary: for tests, samples and callers that already hold
/// their data as a map.
/// </summary>
public sealed class DictionaryObject(IReadOnlyDictionary<string, Value> members) : IValueObject
{
    public IEnumerable<string> MemberNames => members.Keys;

    public bool TryGetMember(string name, out Value value) => members.TryGetValue(name, out value);

    /// <summary>Wraps the members as an object value, ready to be a root or a member of another object.</summary>
    public static Value Of(IReadOnlyDictionary<string, Value> members) => Value.Object(new DictionaryObject(members));
}
