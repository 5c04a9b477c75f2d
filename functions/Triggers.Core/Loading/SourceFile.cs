using Triggers.Core.Diagnostics;

namespace Triggers.Core.Loading;

/// <summary>A file's path (as it should appear in diagnostics) and its text. Core never reads files itself.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>Why the file's bytes are not UTF-8 text (its <see cref="Text"/> is then empty); null when they are.</summary>
    public Diagnostic? EncodingError { get; init; }

    /// <summary>
    /// For a file with an <see cref="EncodingError"/>: its text decoded as well as it goes (invalid bytes as U+FFFD), only
    /// to see what it defines, so that what other files say about it is not reported as unknown.
    /// </summary>
    internal string? Salvaged { get; init; }

    /// <summary>
    /// Decodes a file as read from disk, strictly: a byte that is not UTF-8 becomes an error at its line and column
    /// rather than a U+FFFD that would end up in an email or task. A leading UTF-8 byte-order mark is dropped.
    /// </summary>
    public static SourceFile FromBytes(string path, ReadOnlySpan<byte> bytes) => SourceDecoder.Decode(path, bytes);
}
