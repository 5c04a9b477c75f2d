using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>
/// Turns offsets into the text into file positions. Expressions in YAML block scalars span lines, so the
/// line is counted from the newlines before the offset and the column restarts after each of them, unless the loader
/// knows where each character was written (folded lines, indentation, quotes and escapes), which it then says.
/// </summary>
internal sealed class TextMap
{
    private readonly SourceLocation _start;
    private readonly List<int> _lineStarts = [];
    private readonly Func<int, SourceLocation>? _positions;

    public TextMap(string text, SourceLocation start, Func<int, SourceLocation>? positions = null)
    {
        Text = text;
        _start = start;
        _positions = positions;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    public SourceLocation At(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        if (_positions is not null)
        {
            return _positions(offset);
        }

        var line = _lineStarts.BinarySearch(offset);
        var newlinesBefore = line >= 0 ? line + 1 : ~line;
        if (newlinesBefore == 0)
        {
            return _start.Advance(offset);
        }

        var lineStart = _lineStarts[newlinesBefore - 1];
        return _start with { Line = _start.Line + newlinesBefore, Column = 1 + offset - lineStart };
    }

    /// <summary>"column 5", or "line 3, column 5" when the position is on another line than <paramref name="from"/>.</summary>
    public string Describe(int offset, int from)
    {
        var at = At(offset);
        return at.Line == At(from).Line ? $"column {at.Column}" : $"line {at.Line}, column {at.Column}";
    }
}
