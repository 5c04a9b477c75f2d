using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>Reports problems at offsets into the text; every stage of the compiler shares one.</summary>
internal sealed class Reporter(TextMap map, DiagnosticBag diagnostics)
{
    public TextMap Map { get; } = map;

    public int ErrorCount { get; private set; }

    public void Error(int offset, string code, string message, string? hint = null)
    {
        ErrorCount++;
        diagnostics.Error(Map.At(offset), code, message, hint);
    }

    public void Warning(int offset, string code, string message, string? hint = null) =>
        diagnostics.Warning(Map.At(offset), code, message, hint);
}
