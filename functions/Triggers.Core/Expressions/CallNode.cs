namespace Triggers.Core.Expressions;

/// <summary><c>name(arg, ...)</c>: a call to a built-in function.</summary>
internal sealed record CallNode(string Name, IReadOnlyList<ExprNode> Arguments, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth { get; } = 1 + Arguments.Select(a => a.Depth).DefaultIfEmpty(0).Max();
}
