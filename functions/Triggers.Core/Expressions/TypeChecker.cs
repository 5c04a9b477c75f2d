using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>
/// Gives every node a static type and reports every mismatch it can prove from literals and known
/// attributes. A node that is already wrong types as Any, so one mistake is reported once, not at every
/// operator above it.
/// </summary>
internal sealed partial class TypeChecker(Reporter reporter, ExpressionRoots allowed)
{
    public ExprType Check(ExprNode node) => node switch
    {
        LiteralNode literal => TypeNames.Of(literal.Value.Kind),
        NameNode name => CheckName(name),
        MemberNode member => CheckMember(member),
        IndexNode index => CheckIndex(index),
        UnaryNode unary => CheckUnary(unary),
        BinaryNode binary => CheckBinary(binary),
        CallNode call => CheckCall(call),
        ListNode list => CheckList(list),
        _ => ExprType.Any,
    };

    private ExprType CheckName(NameNode node)
    {
        var allowedNames = RootNames.Allowed(allowed).ToList();
        var canUse = allowedNames.Count == 0
            ? "this expression cannot read any data"
            : "this expression can use " + string.Join(", ", allowedNames);
        if (RootNames.Find(node.Name) is { } root)
        {
            if ((allowed & root) != 0)
            {
                if (((int)allowed & ((int)root << 4)) != 0)
                {
                    reporter.Warning(node.Offset, ExpressionCodes.AlwaysNull,
                        $"'{node.Name}' is always null here: this rule fires from the clock (a schedule, or a count that stays at_most), not from an event",
                        "read the account instead: account.id is the account's id");
                }

                return ExprType.Object;
            }

            var hint = root == ExpressionRoots.Trigger && (allowed & ExpressionRoots.Event) != 0
                ? "trigger names the event that started a rule or window; the event being matched here is 'event'"
                : root != ExpressionRoots.Account && allowed == ExpressionRoots.Account
                    ? "a threshold value or a schedule date reads the account's traits only"
                    : null;
            reporter.Error(node.Offset, ExpressionCodes.UnknownRoot, $"'{node.Name}' is not available here; {canUse}", hint);
            return ExprType.Any;
        }

        var closest = Suggest.Closest(node.Name, allowedNames.Concat(["true", "false", "null"]));
        if (closest is not null)
        {
            reporter.Error(node.Offset, ExpressionCodes.UnknownRoot, $"unknown name '{node.Name}'; did you mean '{closest}'?");
        }
        else
        {
            reporter.Error(node.Offset, ExpressionCodes.UnknownRoot, $"unknown name '{node.Name}'; {canUse}",
                $"to write text, put it in quotes: \"{node.Name}\"");
        }

        return ExprType.Any;
    }

    private ExprType CheckMember(MemberNode node)
    {
        var target = Check(node.Target);
        if (node.Target is NameNode { Name: "event" or "trigger" } root && target == ExprType.Object)
        {
            return CheckEventAttribute(root.Name, node);
        }

        if (target is ExprType.Any or ExprType.Object)
        {
            return ExprType.Any;
        }

        reporter.Error(node.NameOffset, ExpressionCodes.TypeMismatch,
            $"cannot read '.{node.Name}' of {TypeNames.Describe(target)}: only objects such as account or event.data have members", NoMembersHint(target));
        return ExprType.Any;
    }

    /// <summary>What to write instead of a member of something that has none.</summary>
    private static string? NoMembersHint(ExprType target) => target switch
    {
        ExprType.Time => "a time is compared whole: event.time - trigger.time > 3d, or with a date trait: event.time > account.renewal_date",
        ExprType.Duration => "a duration becomes a number with days(...) or hours(...)",
        ExprType.String => "text is read with functions: lower(...), len(...), starts_with(text, prefix), contains(text, part)",
        ExprType.List => "a list is read with len(list), 'x in list' or list[0]",
        _ => null,
    };

    private ExprType CheckEventAttribute(string root, MemberNode node)
    {
        if (EventAttributes.TypeOf(node.Name) is { } type)
        {
            return type;
        }

        var closest = Suggest.Closest(node.Name, EventAttributes.Names);
        var message = closest is null
            ? $"'{node.Name}' is not an event attribute"
            : $"unknown event attribute '{node.Name}'; did you mean '{closest}'?";
        reporter.Error(node.NameOffset, ExpressionCodes.UnknownEventAttribute, message,
            $"{root} data lives under {root}.data: did you mean {root}.data.{node.Name}?");
        return ExprType.Any;
    }

    private ExprType CheckIndex(IndexNode node)
    {
        var target = Check(node.Target);
        var index = Check(node.Index);
        var (accepted, need) = target switch
        {
            ExprType.List => ((ExprType[])[ExprType.Number], "a list index must be a number"),
            ExprType.Object => ([ExprType.String], "a member name in [...] must be text"),
            ExprType.Any => ([ExprType.Number, ExprType.String], "an index must be a number or text"),
            _ => ([], ""),
        };
        if (accepted.Length == 0)
        {
            reporter.Error(node.BracketOffset, ExpressionCodes.TypeMismatch,
                $"cannot use [...] on {TypeNames.Describe(target)}: only lists and objects can be indexed",
                target == ExprType.String ? "text is read with functions: starts_with(text, prefix), ends_with(text, suffix), contains(text, part), len(text)" : null);
        }
        else if (index != ExprType.Any && !accepted.Contains(index))
        {
            reporter.Error(node.Index.Offset, ExpressionCodes.TypeMismatch, $"{need}, but this is {TypeNames.Describe(index)}");
        }

        return ExprType.Any;
    }

    private ExprType CheckUnary(UnaryNode node)
    {
        var operand = Check(node.Operand);
        if (node.Op == UnaryOp.Not)
        {
            RequireCondition(node.Operand, operand, $"'{node.OperatorText}' needs a condition (true/false)");
            return ExprType.Bool;
        }

        if (operand is ExprType.Any or ExprType.Number or ExprType.Duration)
        {
            return operand;
        }

        reporter.Error(node.Offset, ExpressionCodes.TypeMismatch, $"cannot negate {TypeNames.Describe(operand)}: only numbers and durations have a sign");
        return ExprType.Any;
    }

    private ExprType CheckList(ListNode node)
    {
        foreach (var item in node.Items)
        {
            Check(item);
        }

        return ExprType.List;
    }

    private ExprType CheckCall(CallNode node)
    {
        var types = node.Arguments.Select(Check).ToList();
        if (Functions.Find(node.Name) is not { } function)
        {
            var closest = Suggest.Closest(node.Name, Functions.Names);
            if (closest is null)
            {
                reporter.Error(node.Offset, ExpressionCodes.UnknownFunction, $"unknown function '{node.Name}'",
                    "the functions are " + string.Join(", ", Functions.Names));
            }
            else
            {
                reporter.Error(node.Offset, ExpressionCodes.UnknownFunction, $"unknown function '{node.Name}'; did you mean '{closest}'?",
                    $"write it as {Functions.Find(closest)!.Usage}");
            }

            return ExprType.Any;
        }

        var count = node.Arguments.Count;
        if (count < function.MinArguments || count > function.MaxArguments)
        {
            var given = count switch
            {
                0 => "none were given",
                1 => "1 was given",
                _ => $"{count} were given",
            };
            reporter.Error(node.Offset, ExpressionCodes.WrongArgumentCount, $"{node.Name} takes {function.Arity}, but {given}", $"write it as {function.Usage}");
            return ExprType.Any;
        }

        return function.Typing(new CallTyping(reporter, node, types));
    }

    /// <summary>Reports a value that cannot decide a condition; <paramref name="what"/> says who needs it.</summary>
    private void RequireCondition(ExprNode node, ExprType type, string what)
    {
        if (!TypeRules.IsCondition(type))
        {
            reporter.Error(node.Offset, ExpressionCodes.TypeMismatch, $"{what} but this is {TypeNames.Describe(type)}");
        }
    }
}
