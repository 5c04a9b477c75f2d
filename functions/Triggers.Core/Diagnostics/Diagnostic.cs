using Triggers.Core.Explaining;

namespace Triggers.Core.Diagnostics;

/// <summary>
/// One problem found in a source file, reported the way compilers do:
/// <c>path:line:col: error CODE: message</c>, with an optional hint on how to fix it.
/// </summary>
public sealed record Diagnostic(SourceLocation Location, Severity Severity, string Code, string Message, string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>
    /// The compiler-convention line <c>path:line:col: error CODE: message</c>, without the hint. Messages quote what the
    /// file says, so control and bidirectional characters in the path or message are written as escapes
    /// (<c>\u001b</c>, <c>\u202e</c>): printed raw they would drive the terminal or reorder the line.
    /// </summary>
    public override string ToString()
    {
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{LineText.Escape(Location.File)}:{Location.Line}:{Location.Column}: {kind} {Code}: {LineText.Escape(Message)}";
    }

    /// <summary>The line printed beneath <see cref="ToString"/>: <c>hint: ...</c>, escaped the same way; null without a hint.</summary>
    public string? HintLine => Hint is null ? null : $"hint: {LineText.Escape(Hint)}";
}
