using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Benchmarks;

/// <summary>The shipped playbooks and a history file, shared by the benchmarks and the measured run.</summary>
internal static class Workload
{
    public static string Root { get; } = FindRoot();

    public static CompiledPlaybooks Playbooks()
    {
        var dir = Path.Combine(Root, "playbooks");
        var files = Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(Path.GetRelativePath(dir, p), File.ReadAllText(p)));
        var loaded = PlaybookLoader.Load(files);
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        }

        return new CompiledPlaybooks(loaded.Set);
    }

    /// <summary>Streams a JSON Lines file as byte arrays, one per line, the way simulate reads it.</summary>
    public static IEnumerable<byte[]> Lines(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, false, 1 << 20);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return System.Text.Encoding.UTF8.GetBytes(line);
            }
        }
    }

    // Recorded at build time, so the benchmark finds the shipped playbooks from any output folder.
    private static string FindRoot() =>
        typeof(Workload).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
