namespace Triggers.Cli;

/// <summary>The examples each command's help ends with: the ways the README's tour uses it, ready to copy.</summary>
internal static class HelpExamples
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["validate"] = ["triggers validate", "triggers validate playbooks"],
        ["test"] = ["triggers test", "triggers test playbooks/invite-colleague.fires.test.yaml"],
        ["simulate"] =
        [
            "triggers simulate --events history.jsonl",
            "triggers simulate --events history.jsonl.gz --until 2026-07-01 --format json > outcomes.jsonl",
            "triggers generate --accounts 50 --out - | triggers simulate --events - --format json",
            "triggers simulate --events history.jsonl --part 1/4 --format json > part1.jsonl",
        ],
        ["explain"] = ["triggers explain --events history.jsonl --account acct-00021", "triggers explain --events history.jsonl --account acct-00021 --rule invitee-never-logged-in"],
        ["report"] = ["triggers report --events history.jsonl --out journey.html", "triggers report --events history.jsonl --out journey.html --journey saas-lifecycle --segment plan"],
        ["generate"] = ["triggers generate --accounts 50 --events 2000 --seed 1 --out history.jsonl", "triggers generate --months 12 --out - | gzip > history.jsonl.gz"],
    };

    /// <summary>The "Examples:" section for <paramref name="command"/>, or an empty string.</summary>
    public static string For(string command) => Examples.TryGetValue(command, out var lines)
        ? "Examples:" + Environment.NewLine + string.Concat(lines.Select(l => "  " + l + Environment.NewLine)) + Environment.NewLine
        : "";
}
