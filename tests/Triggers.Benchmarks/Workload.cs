using System.Text;
using Triggers.Cli.Generate;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Benchmarks;

/// <summary>The shipped playbooks and event histories (generated or from a file), shared by the benchmarks and the measured run.</summary>
internal static class Workload
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every playbook, journey and webhook file under <paramref name="directory"/> (default: the shipped playbooks/).</summary>
    public static CompiledPlaybooks Playbooks(string? directory = null)
    {
        var dir = directory ?? Path.Combine(Root, "playbooks");
        var files = Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(Path.GetRelativePath(dir, p), File.ReadAllText(p))).ToList();
        var loaded = PlaybookLoader.Load(files);
        if (files.Count == 0 || loaded.HasErrors)
        {
            throw new InvalidOperationException($"no usable playbooks under {dir}:\n" + string.Join("\n", loaded.Diagnostics));
        }

        return new CompiledPlaybooks(loaded.Set);
    }

    /// <summary>
    /// A seeded history of about <paramref name="events"/> events, ten per account (the shape of the 1M-event run:
    /// 100,000 accounts over six months), as the lines simulate would read.
    /// </summary>
    public static byte[][] Generated(int events, int seed = 7)
    {
        using var history = new MemoryStream();
        var options = new GenerateOptions(Math.Max(1, events / 10), 6, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), seed, events);
        GenerateCommand.Write(options, history);
        var lines = new List<byte[]>();
        var rest = history.GetBuffer().AsSpan(0, (int)history.Length);
        for (var end = rest.IndexOf((byte)'\n'); end >= 0; end = rest.IndexOf((byte)'\n'))
        {
            lines.Add(rest[..end].ToArray());
            rest = rest[(end + 1)..];
        }

        return [.. lines];
    }

    /// <summary>Streams a JSON Lines file as byte arrays, one per line, the way simulate reads it.</summary>
    public static IEnumerable<byte[]> Lines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 20);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return Encoding.UTF8.GetBytes(line);
            }
        }
    }

    // Recorded at build time, so the benchmark finds the shipped playbooks from any output folder.
    private static string FindRoot() =>
        typeof(Workload).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
