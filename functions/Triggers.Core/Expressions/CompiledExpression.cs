namespace Triggers.Core.Expressions;

/// <summary>
/// A checked expression compiled to a delegate. Evaluating it never throws: missing data and run-time
/// type mismatches yield null, and null is never true.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Func<EvalContext, Value> _evaluate;

    internal CompiledExpression(string text, ExprType type, IReadOnlyList<string> paths, Func<EvalContext, Value> evaluate)
    {
        Text = text;
        Type = type;
        Paths = paths;
        _evaluate = evaluate;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The static type the checker inferred; Any when it depends on data.</summary>
    public ExprType Type { get; }

    /// <summary>The distinct data paths the expression reads, such as <c>account.plan</c>, in the order written.</summary>
    public IReadOnlyList<string> Paths { get; }

    public Value Evaluate(EvalContext context) => _evaluate(context);

    /// <summary>Whether the expression holds for this context: only the value <c>true</c> counts.</summary>
    public bool IsTrue(EvalContext context) => _evaluate(context).IsTrue;

    public override string ToString() => Text;
}
