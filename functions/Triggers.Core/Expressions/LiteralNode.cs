namespace Triggers.Core.Expressions;

/// <summary>A number, text, duration, <c>true</c>, <c>false</c> or <c>null</c> written in the expression.</summary>
internal sealed record LiteralNode(Value Value, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth => 1;
}
