namespace Triggers.Core.Expressions;

/// <summary>How messages name static types: for a CS ops reader, not a compiler writer.</summary>
internal static class TypeNames
{
    /// <summary>"a number", "text", "a time": reads naturally after "this is" or "cannot compare".</summary>
    public static string Describe(ExprType type) => type switch
    {
        ExprType.Any => "a value",
        ExprType.Null => "null",
        ExprType.Bool => "true/false",
        ExprType.Number => "a number",
        ExprType.String => "text",
        ExprType.Time => "a time",
        ExprType.Duration => "a duration",
        ExprType.List => "a list",
        _ => "an object",
    };

    public static ExprType Of(ValueKind kind) => kind switch
    {
        ValueKind.Null => ExprType.Null,
        ValueKind.Bool => ExprType.Bool,
        ValueKind.Number => ExprType.Number,
        ValueKind.String => ExprType.String,
        ValueKind.Time => ExprType.Time,
        ValueKind.Duration => ExprType.Duration,
        ValueKind.List => ExprType.List,
        _ => ExprType.Object,
    };
}
