namespace Triggers.Core.Expressions;

/// <summary>
/// A read-only record that paths such as <c>account.plan</c> walk into. The engine backs it with event JSON
/// and trait maps; expressions can only read members, never enumerate or change anything else.
/// </summary>
public interface IValueObject
{
    /// <summary>Looks a member up by name; a missing member is simply absent (paths are null-safe).</summary>
    bool TryGetMember(string name, out Value value);

    /// <summary>The member names, for explanations and for rendering objects into text.</summary>
    IEnumerable<string> MemberNames { get; }
}
