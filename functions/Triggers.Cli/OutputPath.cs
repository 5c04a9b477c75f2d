namespace Triggers.Cli;

/// <summary>Checks on a file a command is about to write, made before a long run rather than after it.</summary>
internal static class OutputPath
{
    /// <summary>
    /// Why the folders leading to <paramref name="path"/> cannot be made, when one of them is a file; null otherwise.
    /// .NET says only "The file '…' already exists", which reads as if the output itself were in the way.
    /// </summary>
    public static string? FileInTheWay(string path)
    {
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"'{folder}' is a file, not a folder, so '{path}' cannot be written inside it";
            }

            if (Directory.Exists(folder))
            {
                return null;
            }
        }

        return null;
    }
}
