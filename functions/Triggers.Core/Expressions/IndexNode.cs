namespace Triggers.Core.Expressions;

/// <summary><c>target[index]</c>: a list item by position or an object member by name (for keys that are not plain names).</summary>
internal sealed record IndexNode(ExprNode Target, ExprNode Index, int BracketOffset, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth { get; } = Math.Max(Target.Depth, Index.Depth) + 1;
}
