namespace Triggers.Core.Diagnostics;

/// <summary>Collects every problem of a phase instead of stopping at the first one.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Error(SourceLocation at, string code, string message, string? hint = null) =>
        _items.Add(new Diagnostic(at, Severity.Error, code, message, hint));

    public void Warning(SourceLocation at, string code, string message, string? hint = null) =>
        _items.Add(new Diagnostic(at, Severity.Warning, code, message, hint));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Diagnostics in file, line, column order, which is how people read them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
                  .ThenBy(d => d.Location.Line)
                  .ThenBy(d => d.Location.Column)
                  .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
