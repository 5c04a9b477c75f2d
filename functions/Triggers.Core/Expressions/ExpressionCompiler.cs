using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>The entry point the loader uses for conditions and values written in playbooks.</summary>
public static class ExpressionCompiler
{
    /// <summary>
    /// Checks and compiles <paramref name="text"/>, whose first character sits at <paramref name="start"/>.
    /// Every problem goes into <paramref name="diagnostics"/> with its own line and column; the result is
    /// null when there was any. <paramref name="expected"/> Bool demands a condition; Any accepts any value.
    /// Never throws, whatever the text. <paramref name="positions"/>, when given, places each offset into the text in the
    /// file (a YAML value spread over lines, or with escapes, is not its source text character for character).
    /// </summary>
    public static CompiledExpression? Compile(string text, SourceLocation start, ExpressionRoots allowed, ExprType expected, DiagnosticBag diagnostics,
        Func<int, SourceLocation>? positions = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        text ??= "";
        var reporter = new Reporter(new TextMap(text, start, positions), diagnostics);
        return ExpressionPipeline.Compile(reporter, 0, text.Length, allowed, expected);
    }
}
