namespace Triggers.Core.Diagnostics;

/// <summary>A position in a source file: 1-based line and column, as editors and compilers count them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for things that come from no file (built-in defaults, generated nodes).</summary>
    public static readonly SourceLocation None = new("", 0, 0);

    /// <summary>The location <paramref name="columns"/> characters further along the same line.</summary>
    public SourceLocation Advance(int columns) => this with { Column = Column + columns };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
