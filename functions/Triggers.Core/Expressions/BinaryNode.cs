namespace Triggers.Core.Expressions;

/// <summary>
/// <c>left op right</c>. <see cref="OperatorText"/> is the operator as written (<c>&amp;&amp;</c> or <c>and</c>)
/// so messages quote the author's own spelling.
/// </summary>
internal sealed record BinaryNode(BinaryOp Op, string OperatorText, int OperatorOffset, ExprNode Left, ExprNode Right)
    : ExprNode(Left.Offset, Right.End - Left.Offset)
{
    public override int Depth { get; } = Math.Max(Left.Depth, Right.Depth) + 1;
}
