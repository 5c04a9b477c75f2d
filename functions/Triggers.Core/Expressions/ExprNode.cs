namespace Triggers.Core.Expressions;

/// <summary>
/// A node of the parsed expression. Every node knows the span of text it came from so that the checker
/// can point at the exact operand that is wrong.
/// </summary>
internal abstract record ExprNode(int Offset, int Length)
{
    public int End => Offset + Length;

    /// <summary>Height of the tree below and including this node; the parser caps it so later stages cannot overflow the stack.</summary>
    public abstract int Depth { get; }
}
