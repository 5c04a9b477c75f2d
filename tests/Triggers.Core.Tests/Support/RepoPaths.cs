using System.Reflection;

namespace Triggers.Core.Tests.Support;

/// <summary>The repository root (recorded at build time), so tests can read the shipped samples and schemas.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Playbooks => Path.Combine(Root, "playbooks");

    public static string Schemas => Path.Combine(Root, "schemas");
}
