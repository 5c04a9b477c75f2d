namespace Triggers.Core.Expressions;

/// <summary>Text literals used as times are checked at load time: a typo in a date would otherwise never match.</summary>
internal static class DateLiterals
{
    public static void Check(Reporter reporter, ExprNode node)
    {
        if (node is LiteralNode { Value.Kind: ValueKind.String } literal && !literal.Value.TryGetTime(out _))
        {
            reporter.Error(node.Offset, ExpressionCodes.TypeMismatch, $"'{literal.Value.AsString}' is not a date or time",
                "write dates as 2026-01-31 or 2026-01-31T09:00:00Z");
        }
    }
}
