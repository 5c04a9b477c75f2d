namespace Triggers.Core.Expressions;

/// <summary><c>-x</c> or <c>not x</c>; the operator is the node's first token.</summary>
internal sealed record UnaryNode(UnaryOp Op, string OperatorText, ExprNode Operand, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth { get; } = Operand.Depth + 1;
}
