using Triggers.Core.Diagnostics;

namespace Triggers.Cli;

/// <summary>Prints diagnostics in the compiler convention, one per line, each hint on the line below it.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
            if (diagnostic.Hint is not null)
            {
                output.WriteLine($"    hint: {diagnostic.Hint}");
            }
        }
    }

    public static string Summary(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        return $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }
}
