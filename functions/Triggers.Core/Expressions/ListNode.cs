namespace Triggers.Core.Expressions;

/// <summary><c>[a, b, ...]</c>: a list written in the expression, typically the right side of <c>in</c>.</summary>
internal sealed record ListNode(IReadOnlyList<ExprNode> Items, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth { get; } = 1 + Items.Select(i => i.Depth).DefaultIfEmpty(0).Max();
}
