namespace Triggers.Core.Tests.Support;

/// <summary>Finds the repository root from the test's output folder, so tests can read the shipped samples.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Playbooks => Path.Combine(Root, "playbooks");

    public static string Schemas => Path.Combine(Root, "schemas");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triggers.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Triggers.sln not found above " + AppContext.BaseDirectory);
    }
}
