using Triggers.Core.Diagnostics;

namespace Triggers.Core.Loading;

/// <summary>A file's path (as it should appear in diagnostics) and its text. Core never reads files itself.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>
    /// Why the file gives no text to read (its <see cref="Text"/> is then empty): bytes that are not UTF-8, or a file that
    /// could not be read at all (<see cref="Unreadable"/>); null when it is text.
    /// </summary>
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

    /// <summary>
    /// A file the caller could not read (no permission, a loop of links): an error at its start, so a test file counts as
    /// failed and a playbook stops the set, as an unreadable playbook must, while every other file is still read.
    /// </summary>
    public static SourceFile Unreadable(string path, string reason) => new(path, "")
    {
        EncodingError = new Diagnostic(new SourceLocation(path, 1, 1), Severity.Error, ErrorCodes.Unreadable, $"the file cannot be read: {reason}",
            "check its permissions, and that a link leads to a file"),
    };

    /// <summary>
    /// A folder under the playbooks the caller could not list: what lies in it is unknown, so it is an error as an
    /// unreadable file is, rather than playbooks that silently never run.
    /// </summary>
    public static SourceFile UnreadableFolder(string path, string reason) => new(path, "")
    {
        EncodingError = new Diagnostic(new SourceLocation(path, 1, 1), Severity.Error, ErrorCodes.Unreadable,
            $"the folder cannot be read, so the playbooks, journeys and tests in it are not: {reason}",
            "check its permissions: whoever runs triggers must be able to list it (chmod a+rx)"),
    };
}
