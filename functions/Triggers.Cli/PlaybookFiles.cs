using Triggers.Core.Loading;

namespace Triggers.Cli;

/// <summary>Reads every YAML file under a playbook directory; Core never touches the file system itself.</summary>
internal static class PlaybookFiles
{
    /// <summary>The directory a command uses when none is given: ./playbooks when it exists, else the current one.</summary>
    public static string DefaultDirectory => Directory.Exists("playbooks") ? "playbooks" : ".";

    /// <summary>The default as help states it.</summary>
    public const string DefaultDescription = "./playbooks when it exists, else the current directory";

    /// <summary>
    /// The YAML files under <paramref name="directory"/>, read; a link to a file that does not exist, and a named pipe,
    /// device or socket (or a link to one), is left out, with a warning on <paramref name="error"/>, rather than stopping
    /// every other file being read (or, for a pipe with no writer, stopping the command for ever).
    /// </summary>
    public static IReadOnlyList<SourceFile> Read(string directory, TextWriter? error = null) => Read(directory, error, out _);

    /// <inheritdoc cref="Read(string, TextWriter?)"/>
    /// <param name="skipped">How many files were left out with a warning.</param>
    public static IReadOnlyList<SourceFile> Read(string directory, TextWriter? error, out int skipped)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var closed = new List<SourceFile>();
        var files = new System.IO.Enumeration.FileSystemEnumerable<string>(directory, (ref System.IO.Enumeration.FileSystemEntry e) => e.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry e) => !e.IsDirectory,
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry e) =>
            {
                var folder = e.ToSpecifiedFullPath();
                if (LinksBack(e.ToFullPath()) || folder.Split(Path.DirectorySeparatorChar).Contains("node_modules"))
                {
                    return false;
                }

                // Skipped without a word, an unlistable folder's playbooks would silently never run.
                if (Unlistable(folder) is { } why)
                {
                    closed.Add(SourceFile.UnreadableFolder(Display(folder) + "/", why));
                    return false;
                }

                return true;
            },
        };
        var yaml = files
            .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Contains("node_modules"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var read = yaml.Where(path => Readable(path, error)).Select(path => ReadOne(path)).ToList();
        skipped = yaml.Count - read.Count;
        return [.. read.Concat(closed)];
    }

    /// <summary>Why a folder cannot be listed (no permission), or null.</summary>
    internal static string? Unlistable(string folder)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e.Message.TrimEnd('.');
        }
    }

    private static SourceFile ReadOne(string path)
    {
        try
        {
            return SourceFile.FromBytes(Display(path), File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SourceFile.Unreadable(Display(path), e.Message.TrimEnd('.'));
        }
    }

    private static bool LinkTargetExists(string path, TextWriter? error)
    {
        // File.Exists counts a link whose target is gone as a file; reading it would stop the whole directory.
        string target;
        try
        {
            if (new FileInfo(path).LinkTarget is not { } link || File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true })
            {
                return true;
            }

            target = link;
        }
        catch (IOException)
        {
            return true; // a loop of links: reading it fails, and says so as an error of that file (ReadOne)
        }

        error?.WriteLine($"triggers: warning: {Display(path)} is not read: it is a link to {target}, which does not exist");
        return false;
    }

    private static bool Readable(string path, TextWriter? error)
    {
        if (!LinkTargetExists(path, error))
        {
            return false;
        }

        if (FileKind.NotRegular(path) is not { } kind)
        {
            return true;
        }

        var what = new FileInfo(path).LinkTarget is { } target ? $"a link to {target}, {kind}" : kind;
        error?.WriteLine($"triggers: warning: {Display(path)} is not read: it is {what}, not a regular file");
        return false;
    }

    /// <summary>
    /// Whether <paramref name="folder"/> is a link to a folder it lies in (<c>loop -> .</c>): followed, it would read
    /// every playbook again at each depth until the path grew too long, and report each one as a duplicate of itself.
    /// </summary>
    private static bool LinksBack(string folder)
    {
        if (Directory.ResolveLinkTarget(folder, returnFinalTarget: true) is not { } target)
        {
            return false;
        }

        var inside = Path.GetFullPath(Path.GetDirectoryName(folder)!) + Path.DirectorySeparatorChar;
        var real = Path.GetFullPath(target.FullName).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return inside.StartsWith(real, StringComparison.Ordinal);
    }

    /// <summary>Paths as the user typed the directory, with forward slashes, so editors can jump to them.</summary>
    private static string Display(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path.Replace('\\', '/');

    /// <summary>Loads the directory, or explains on stderr why it cannot (missing directory, no YAML).</summary>
    public static LoadResult? Load(string directory, TextWriter error) => Load(directory, error, out _);

    /// <inheritdoc cref="Load(string, TextWriter)"/>
    /// <param name="skipped">How many files were left out with a warning on <paramref name="error"/> (a link to nothing, a pipe).</param>
    public static LoadResult? Load(string directory, TextWriter error, out int skipped)
    {
        skipped = 0;
        if (!Directory.Exists(directory))
        {
            var parent = Path.GetDirectoryName(directory) is { Length: > 0 } folder ? folder : ".";
            error.WriteLine(File.Exists(directory)
                ? $"triggers: '{directory}' is a file; give the playbook directory it is in (playbooks refer to each other, to journeys and to webhook targets, so they are read together): {parent}"
                : directory.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || directory.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                    ? $"triggers: '{directory}' does not exist"
                    : $"triggers: directory '{directory}' does not exist");
            return null;
        }

        if (Unlistable(directory) is { } why)
        {
            error.WriteLine($"triggers: directory '{directory}' cannot be read: {why}");
            return null;
        }

        var files = Read(directory, error, out skipped);
        if (files.Count == 0)
        {
            error.WriteLine($"triggers: no playbook files (*.yaml) under '{directory}'");
            return null;
        }

        return PlaybookLoader.Load(files);
    }
}
