namespace Triggers.Core.Diagnostics;

/// <summary>
/// One problem found in a source file, reported the way compilers do:
/// <c>path:line:col: error CODE: message</c>, with an optional hint on how to fix it.
/// </summary>
public sealed record Diagnostic(SourceLocation Location, Severity Severity, string Code, string Message, string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>The compiler-convention line <c>path:line:col: error CODE: message</c>, without the hint.</summary>
    public override string ToString()
    {
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{Location.File}:{Location.Line}:{Location.Column}: {kind} {Code}: {Message}";
    }
}
