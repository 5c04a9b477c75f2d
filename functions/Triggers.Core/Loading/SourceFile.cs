namespace Triggers.Core.Loading;

/// <summary>A file's path (as it should appear in diagnostics) and its text. Core never reads files itself.</summary>
public sealed record SourceFile(string Path, string Text);
