namespace Triggers.Core.Expressions;

/// <summary>What a function's typing rule sees: the argument types, and a way to reject one of them.</summary>
internal sealed class CallTyping(Reporter reporter, CallNode call, IReadOnlyList<ExprType> types)
{
    public int Count => types.Count;

    public ExprType this[int index] => types[index];

    public IReadOnlyList<ExprType> Types => types;

    /// <summary>
    /// Reports argument <paramref name="index"/> unless its type is Any or one of <paramref name="accepted"/>;
    /// <paramref name="need"/> names the accepted types for the message ("text", "a list or text").
    /// </summary>
    public bool Require(int index, string need, params ExprType[] accepted)
    {
        var type = types[index];
        if (type == ExprType.Any || accepted.Contains(type))
        {
            return true;
        }

        reporter.Error(call.Arguments[index].Offset, ExpressionCodes.TypeMismatch,
            $"{call.Name}(...) needs {need} as argument {index + 1}, but this is {TypeNames.Describe(type)}");
        return false;
    }

    public void Mismatch(string message) => reporter.Error(call.Offset, ExpressionCodes.TypeMismatch, message);

    /// <summary>Rejects a text literal argument that cannot be read as a date, where a date is expected.</summary>
    public void RequireDateText(int index) => DateLiterals.Check(reporter, call.Arguments[index]);
}
