namespace Triggers.Core.Expressions;

/// <summary>The names an expression starts a path from, and how messages list the ones a place allows.</summary>
internal static class RootNames
{
    public static readonly IReadOnlyList<(string Name, ExpressionRoots Root)> All =
    [
        ("event", ExpressionRoots.Event),
        ("trigger", ExpressionRoots.Trigger),
        ("account", ExpressionRoots.Account),
        ("user", ExpressionRoots.User),
    ];

    public static ExpressionRoots? Find(string name)
    {
        foreach (var (rootName, root) in All)
        {
            if (rootName == name)
            {
                return root;
            }
        }

        return null;
    }

    public static IEnumerable<string> Allowed(ExpressionRoots allowed) =>
        All.Where(r => (allowed & r.Root) != 0).Select(r => r.Name);
}
