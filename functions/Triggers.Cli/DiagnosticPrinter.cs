using Triggers.Core.Diagnostics;

namespace Triggers.Cli;

/// <summary>
/// Prints diagnostics in the compiler convention, one per line, each hint on the line below it, with control and
/// bidirectional characters escaped (<see cref="Diagnostic.ToString"/>).
/// </summary>
internal static class DiagnosticPrinter
{
    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString()); // escaped: messages quote the files, which may hold control characters
            if (diagnostic.HintLine is { } hint)
            {
                output.WriteLine($"    {hint}");
            }
        }
    }

    /// <summary><c>1 error, 2 warnings</c>; <paramref name="skipped"/> counts the files left out with a warning of their own.</summary>
    public static string Summary(IReadOnlyCollection<Diagnostic> diagnostics, int skipped = 0)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors + skipped;
        return $"{Count(errors, "error")}, {Count(warnings, "warning")}";
    }

    /// <summary><c>1 rule</c>, <c>2 rules</c>, <c>0 rules</c>.</summary>
    public static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
