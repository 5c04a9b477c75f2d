using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// The slips CS ops make while editing (a character deleted or typed in, a line indented one space more or less, a line
/// repeated), made at seeded random places in every shipped playbook, journey and test: the loader never throws, every
/// error points at a line and column the file has, and none speaks in the YAML parser's own words or goes without a
/// hint of its own.
/// </summary>
public sealed class LoaderMutationTests
{
    /// <summary>The hint of a syntax error the loader has no words of its own for.</summary>
    private const string GenericHint = "check indentation and that every";

    private const string Typed = ": -[]{}'\"#|>&*!%@`\t,?\\";

    [Fact]
    public void EditingSlipsInTheShippedFiles_AreErrorsInOurWords_AtPositionsTheFileHas()
    {
        var files = Directory.GetFiles(RepoPaths.Playbooks, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var random = new Random(1903);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal); // one example of each kind of problem
        for (var n = 0; n < 4000; n++)
        {
            var path = files[random.Next(files.Count)];
            var original = File.ReadAllText(path);
            var text = Mutate(original, random);
            var name = Path.GetRelativePath(RepoPaths.Playbooks, path).Replace('\\', '/');

            var result = PlaybookLoader.Load([new SourceFile(name, text)]);

            var lines = text.Split('\n');
            foreach (var error in result.Diagnostics.Where(d => d.IsError))
            {
                var line = error.Location.Line;
                var problem = line < 1 || line > lines.Length ? "a line the file does not have"
                    : error.Location.Column < 1 || error.Location.Column > lines[line - 1].TrimEnd('\r').Length + 1 ? "a column the line does not have"
                    : error.Message.Contains("While ", StringComparison.Ordinal) || error.Message.Contains("Did not find", StringComparison.Ordinal) ? error.Message
                    : error.Hint is { } hint && hint.StartsWith(GenericHint, StringComparison.Ordinal) ? $"no particular hint: {error.Message}"
                    : null;
                if (problem is not null)
                {
                    problems.TryAdd(problem, $"{error}\n    (mutation {n} of {name}, {Slip(original, text)})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Values));
    }

    /// <summary>Where the mutated text first differs from the original, as the two lines there.</summary>
    private static string Slip(string original, string mutated)
    {
        var (before, after) = (original.Split('\n'), mutated.Split('\n'));
        var i = Enumerable.Range(0, Math.Min(before.Length, after.Length)).FirstOrDefault(i => before[i] != after[i]);
        return $"line {i + 1} was '{before[i]}', is '{after[i]}'";
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        var line = lines[i];
        switch (random.Next(5))
        {
            case 0 when line.Length > 0:
                lines[i] = line.Remove(random.Next(line.Length), 1);
                break;
            case 1:
                lines[i] = line.Insert(random.Next(line.Length + 1), Typed[random.Next(Typed.Length)].ToString());
                break;
            case 2:
                lines[i] = " " + line;
                break;
            case 3 when line.StartsWith(' '):
                lines[i] = line[1..];
                break;
            default:
                lines.Insert(i, line);
                break;
        }

        return string.Join('\n', lines);
    }
}
