using System.Reflection;

namespace Triggers.Cli.Tests;

/// <summary>The repository root (recorded at build time): samples to read, artefacts to keep.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Playbooks => Path.Combine(Root, "playbooks");

    /// <summary>The sample history; generated (seeded) when a fresh checkout does not have it yet.</summary>
    public static string SampleEvents
    {
        get
        {
            var path = Path.Combine(Playbooks, "samples", "events.jsonl");
            if (!File.Exists(path))
            {
                var result = TriggersProcess.Run(Root, "generate", "--accounts", "300", "--months", "6", "--seed", "42", "--out", path);
                Assert.Equal(0, result.ExitCode);
            }

            return path;
        }
    }

    public static string Artefacts => Directory.CreateDirectory(Path.Combine(Root, "artifacts", "test-results")).FullName;
}
