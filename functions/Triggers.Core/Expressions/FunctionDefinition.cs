namespace Triggers.Core.Expressions;

/// <summary>
/// A built-in function: its arity, its static typing rule and its run-time body. Bodies take their
/// arguments as separate values (not an array) so a call allocates nothing.
/// </summary>
internal sealed record FunctionDefinition(string Name, int MinArguments, int MaxArguments, Func<CallTyping, ExprType> Typing)
{
    /// <summary>How a call is written, for the hint under a wrong number of arguments: <c>starts_with(text, prefix)</c>.</summary>
    public required string Usage { get; init; }

    public Func<Value, Value>? Unary { get; init; }

    public Func<Value, Value, Value>? Binary { get; init; }

    /// <summary>For functions that evaluate their arguments lazily: builds the call from the argument delegates.</summary>
    public Func<Func<EvalContext, Value>[], Func<EvalContext, Value>>? Compose { get; init; }

    /// <summary>"1 argument", "2 arguments", "at least 1 argument".</summary>
    public string Arity =>
        (MaxArguments == int.MaxValue ? "at least " : "") + MinArguments + (MinArguments == 1 ? " argument" : " arguments");
}
