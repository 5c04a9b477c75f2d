namespace Triggers.Core.Expressions;

/// <summary>
/// Lists the data paths an expression reads (<c>account.plan</c>, <c>event.data.invitee_id</c>), longest
/// form only, in the order written: explanations show them next to the values they had.
/// </summary>
internal static class PathCollector
{
    public static IReadOnlyList<string> Collect(ExprNode node)
    {
        var paths = new List<string>();
        Visit(node, paths);
        return paths;
    }

    private static void Visit(ExprNode node, List<string> paths)
    {
        if (PathOf(node) is { } path)
        {
            if (!paths.Contains(path))
            {
                paths.Add(path);
            }

            return;
        }

        switch (node)
        {
            case MemberNode member:
                Visit(member.Target, paths);
                break;
            case IndexNode index:
                Visit(index.Target, paths);
                Visit(index.Index, paths);
                break;
            case UnaryNode unary:
                Visit(unary.Operand, paths);
                break;
            case BinaryNode binary:
                Visit(binary.Left, paths);
                Visit(binary.Right, paths);
                break;
            case CallNode call:
                call.Arguments.ToList().ForEach(a => Visit(a, paths));
                break;
            case ListNode list:
                list.Items.ToList().ForEach(i => Visit(i, paths));
                break;
        }
    }

    /// <summary>The dotted path of a root followed by names and text indexes, or null for anything else.</summary>
    private static string? PathOf(ExprNode node) => node switch
    {
        NameNode name => name.Name,
        MemberNode member => PathOf(member.Target) is { } target ? target + "." + member.Name : null,
        IndexNode { Index: LiteralNode { Value.Kind: ValueKind.String } key } index =>
            PathOf(index.Target) is { } target ? target + "." + key.Value.AsString : null,
        _ => null,
    };
}
