namespace Triggers.Core.Expressions;

/// <summary><c>target.name</c>: a member read, null when the target is not an object or lacks the member.</summary>
internal sealed record MemberNode(ExprNode Target, string Name, int NameOffset, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth { get; } = Target.Depth + 1;
}
