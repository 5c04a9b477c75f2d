using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>Reports problems at offsets into the text; every stage of the compiler shares one.</summary>
internal sealed class Reporter(TextMap map, DiagnosticBag diagnostics)
{
    public TextMap Map { get; } = map;

    private int _held;

    public int ErrorCount { get; private set; }

    /// <summary>
    /// Until the matching <see cref="Release"/>, problems are dropped: for text read only to measure it (how many terms
    /// a chain has that is already too long), whose own errors would bury the one that matters.
    /// </summary>
    public void Hold() => _held++;

    public void Release() => _held--;

    public void Error(int offset, string code, string message, string? hint = null)
    {
        if (_held > 0)
        {
            return;
        }

        ErrorCount++;
        diagnostics.Error(Map.At(offset), code, message, hint);
    }

    public void Warning(int offset, string code, string message, string? hint = null)
    {
        if (_held == 0)
        {
            diagnostics.Warning(Map.At(offset), code, message, hint);
        }
    }
}
