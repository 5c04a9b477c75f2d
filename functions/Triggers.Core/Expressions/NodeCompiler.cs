namespace Triggers.Core.Expressions;

/// <summary>
/// Turns a checked tree into nested delegates once, at load time, so evaluating an event runs straight-line
/// closures instead of walking the tree. Subtrees that read no data are evaluated here and become constants.
/// </summary>
internal static class NodeCompiler
{
    private static readonly EvalContext NoData = new();

    public static Func<EvalContext, Value> Compile(ExprNode node) => node switch
    {
        LiteralNode literal => Constant(literal.Value),
        NameNode or MemberNode when PathNames(node) is { } path => CompilePath(path.Root, path.Names),
        MemberNode member => CompileMember(member),
        IndexNode index => CompileIndex(index),
        UnaryNode unary => CompileUnary(unary),
        BinaryNode binary => CompileBinary(binary),
        CallNode call => CompileCall(call),
        ListNode list => CompileList(list),
        _ => Constant(Value.Null),
    };

    /// <summary>A delegate that returns a fixed value; recognisable, so parents can fold in turn.</summary>
    private sealed class ConstantValue(Value value)
    {
        public Value Get(EvalContext context) => value;
    }

    private static Func<EvalContext, Value> Constant(Value value) => new ConstantValue(value).Get;

    /// <summary>
    /// Replaces <paramref name="evaluate"/> by its value when every operand is constant: no data is read,
    /// so the result is the same for every event (and a literal list is built once, not per event).
    /// </summary>
    private static Func<EvalContext, Value> Fold(Func<EvalContext, Value> evaluate, params Func<EvalContext, Value>[] operands) =>
        operands.All(o => o.Target is ConstantValue) ? Constant(evaluate(NoData)) : evaluate;

    private static (ExpressionRoots Root, string[] Names)? PathNames(ExprNode node)
    {
        var names = new List<string>();
        while (node is MemberNode member)
        {
            names.Add(string.Intern(member.Name)); // the object trait names share: found by reference
            node = member.Target;
        }

        if (node is not NameNode name || RootNames.Find(name.Name) is not { } root)
        {
            return null;
        }

        names.Reverse();
        return (root, names.ToArray());
    }

    private static Func<EvalContext, Value> CompilePath(ExpressionRoots root, string[] names) => (root, names.Length) switch
    {
        (ExpressionRoots.Event, 0) => c => c.Event,
        (ExpressionRoots.Trigger, 0) => c => c.Trigger,
        (ExpressionRoots.Account, 0) => c => c.Account,
        (ExpressionRoots.User, 0) => c => c.User,
        (ExpressionRoots.Event, _) => c => Access.Walk(c.Event, names),
        (ExpressionRoots.Trigger, _) => c => Access.Walk(c.Trigger, names),
        (ExpressionRoots.Account, _) => c => Access.Walk(c.Account, names),
        _ => c => Access.Walk(c.User, names),
    };

    private static Func<EvalContext, Value> CompileMember(MemberNode node)
    {
        var target = Compile(node.Target);
        var name = string.Intern(node.Name);
        return Fold(c => Access.Member(target(c), name), target);
    }

    private static Func<EvalContext, Value> CompileIndex(IndexNode node)
    {
        var target = Compile(node.Target);
        var index = Compile(node.Index);
        return Fold(c => Access.Index(target(c), index(c)), target, index);
    }

    private static Func<EvalContext, Value> CompileUnary(UnaryNode node)
    {
        var operand = Compile(node.Operand);
        Func<EvalContext, Value> evaluate = node.Op == UnaryOp.Not
            ? c => Value.Bool(!operand(c).IsTrue)
            : c => Arithmetic.Negate(operand(c));
        return Fold(evaluate, operand);
    }

    private static Func<EvalContext, Value> CompileBinary(BinaryNode node)
    {
        var left = Compile(node.Left);
        var right = Compile(node.Right);
        return Fold(Operator(node.Op, left, right), left, right);
    }

    private static Func<EvalContext, Value> Operator(BinaryOp op, Func<EvalContext, Value> left, Func<EvalContext, Value> right) =>
        op switch
        {
            // Short-circuit: the right side of a failed 'and' may read data that is absent, so it is not evaluated.
            BinaryOp.And => c => left(c).IsTrue && right(c).IsTrue ? Value.True : Value.False,
            BinaryOp.Or => c => left(c).IsTrue || right(c).IsTrue ? Value.True : Value.False,
            BinaryOp.Equal => c => Value.Bool(left(c).Equals(right(c))),
            BinaryOp.NotEqual => c => Value.Bool(!left(c).Equals(right(c))),
            BinaryOp.Less or BinaryOp.LessEqual or BinaryOp.Greater or BinaryOp.GreaterEqual => c => Comparison.Ordered(op, left(c), right(c)),
            BinaryOp.In => c => Comparison.In(left(c), right(c)),
            BinaryOp.NotIn => c => Comparison.NotIn(left(c), right(c)),
            BinaryOp.Contains => c => Comparison.Contains(left(c), right(c)),
            BinaryOp.StartsWith => c => Comparison.StartsWith(left(c), right(c)),
            BinaryOp.EndsWith => c => Comparison.EndsWith(left(c), right(c)),
            BinaryOp.Add => c => Arithmetic.Add(left(c), right(c)),
            BinaryOp.Subtract => c => Arithmetic.Subtract(left(c), right(c)),
            BinaryOp.Multiply => c => Arithmetic.Multiply(left(c), right(c)),
            BinaryOp.Divide => c => Arithmetic.Divide(left(c), right(c)),
            _ => c => Arithmetic.Remainder(left(c), right(c)),
        };

    private static Func<EvalContext, Value> CompileCall(CallNode node)
    {
        var function = Functions.Find(node.Name)!;
        var arguments = node.Arguments.Select(Compile).ToArray();
        return Fold(Call(function, arguments), arguments);
    }

    private static Func<EvalContext, Value> Call(FunctionDefinition function, Func<EvalContext, Value>[] arguments)
    {
        if (function.Compose is { } compose)
        {
            return compose(arguments);
        }

        if (function.Unary is { } unary)
        {
            var argument = arguments[0];
            return c => unary(argument(c));
        }

        var binary = function.Binary!;
        var (first, second) = (arguments[0], arguments[1]);
        return c => binary(first(c), second(c));
    }

    private static Func<EvalContext, Value> CompileList(ListNode node)
    {
        var items = node.Items.Select(Compile).ToArray();
        return Fold(
            c =>
            {
                var values = new Value[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    values[i] = items[i](c);
                }

                return Value.List(values);
            },
            items);
    }
}
