using Triggers.Core.Diagnostics;
using Triggers.Core.Model;
using Triggers.Core.Validation;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>The result of loading a directory: the checked model and every diagnostic, sorted by position.</summary>
public sealed record LoadResult(PlaybookSet Set, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// The files read as tests (named <c>*.test.yaml</c>, or holding a top-level <c>test:</c>), in path order, broken ones
    /// included: a test file's errors are that test's problem, and must not stop the others or a replay.
    /// </summary>
    public IReadOnlyList<string> TestFiles { get; init; } = [];

    /// <summary>The diagnostics outside test files: the ones that keep any replay (a test's, a simulation's) from running.</summary>
    public IReadOnlyList<Diagnostic> PlaybookDiagnostics => [.. Diagnostics.Where(d => !TestFiles.Contains(d.Location.File))];

    public bool PlaybooksHaveErrors => PlaybookDiagnostics.Any(d => d.IsError);

    /// <summary>The diagnostics of one file, such as a test file.</summary>
    public IReadOnlyList<Diagnostic> DiagnosticsOf(string file) => [.. Diagnostics.Where(d => d.Location.File == file)];
}

/// <summary>
/// Reads playbooks, journeys, webhook targets and tests from YAML text into the immutable model and
/// validates them as a whole. Never stops at the first problem and never throws for bad input.
/// </summary>
public static class PlaybookLoader
{
    public static LoadResult Load(IEnumerable<SourceFile> files)
    {
        var diagnostics = new DiagnosticBag();
        var playbooks = new List<Playbook>();
        var journeys = new List<Journey>();
        var targets = new List<WebhookTarget>();
        var tests = new List<PlaybookTest>();
        var testFiles = new List<string>();
        var unread = new UnreadFiles();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (IsTestFileName(file.Path))
            {
                testFiles.Add(file.Path); // known by its name even when it cannot be parsed
            }

            if (file.EncodingError is { } unreadable)
            {
                diagnostics.Add(unreadable);
                unread.Add(file.Path, file.Salvaged ?? "");
                continue;
            }

            var errorsBefore = diagnostics.Items.Count(d => d.IsError);
            var root = YamlSource.Parse(file, diagnostics);
            if (root is null)
            {
                if (diagnostics.Items.Count(d => d.IsError) > errorsBefore)
                {
                    unread.Add(file.Path, file.Text); // not read at all (an empty file is not an error, and defines nothing)
                }

                continue;
            }

            var source = new YamlSource(file.Path, diagnostics, file.Text);
            switch (KindOf(source, root))
            {
                case "playbook":
                    Add(playbooks, PlaybookReader.Read(source, (YamlMappingNode)root));
                    break;
                case "journey":
                    Add(journeys, JourneyReader.Read(source, (YamlMappingNode)root));
                    break;
                case "targets":
                    targets.AddRange(TargetsReader.Read(source, (YamlMappingNode)root));
                    break;
                case "test":
                    Add(tests, TestReader.Read(source, (YamlMappingNode)root));
                    if (!IsTestFileName(file.Path))
                    {
                        testFiles.Add(file.Path);
                    }

                    break;
            }
        }

        var set = SetValidator.Validate(new PlaybookSet(playbooks, journeys, targets, tests), diagnostics, unread);
        return new LoadResult(set, diagnostics.Sorted()) { TestFiles = testFiles };
    }

    private static bool IsTestFileName(string path) =>
        path.EndsWith(".test.yaml", StringComparison.Ordinal) || path.EndsWith(".test.yml", StringComparison.Ordinal);

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private static string? KindOf(YamlSource source, YamlNode root)
    {
        string[] kinds = ["playbook", "journey", "targets", "test"];
        var isTestFile = IsTestFileName(source.File);
        var keys = (root as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToList() ?? [];
        var kind = kinds.FirstOrDefault(keys.Contains);
        if (kind is null || (isTestFile && kind != "test"))
        {
            source.Diagnostics.Error(source.At(root), ErrorCodes.UnknownFileKind,
                isTestFile ? "a *.test.yaml file must start with 'test:'" : "not a Triggers file: expected a top-level 'playbook', 'journey', 'test' or 'targets' key",
                "see docs/language.md for the file kinds");
            return null;
        }

        return kind;
    }
}
