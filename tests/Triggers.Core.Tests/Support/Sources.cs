using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Support;

/// <summary>Builds loader input from test fixtures and inline YAML.</summary>
internal static class Sources
{
    public static string FixtureDir => Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures");

    /// <summary>A fixture file plus the small base set (a journey, webhook targets, a playbook) it may refer to.</summary>
    public static IReadOnlyList<SourceFile> FixtureWithBase(string name) =>
        [.. System.IO.Directory.GetFiles(Path.Combine(FixtureDir, "base")).Order(StringComparer.Ordinal)
            .Select(path => new SourceFile("base/" + Path.GetFileName(path), File.ReadAllText(path))),
         SourceFile.FromBytes(name, File.ReadAllBytes(Path.Combine(FixtureDir, name)))];

    public static IReadOnlyList<SourceFile> AllUnder(string root) =>
        [.. System.IO.Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))];

    public static LoadResult Load(params (string Path, string Text)[] files) =>
        PlaybookLoader.Load(files.Select(f => new SourceFile(f.Path, f.Text)));
}
