namespace Triggers.Core.Expressions;

/// <summary>A bare name: one of the roots <c>event</c>, <c>trigger</c>, <c>account</c>, <c>user</c> (anything else is an error).</summary>
internal sealed record NameNode(string Name, int Offset, int Length) : ExprNode(Offset, Length)
{
    public override int Depth => 1;
}
