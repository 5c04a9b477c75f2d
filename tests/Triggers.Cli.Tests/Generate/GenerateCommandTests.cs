using System.Text;
using System.Text.Json;
using Triggers.Cli.Generate;
using Triggers.Core.Engine;

namespace Triggers.Cli.Tests.Generate;

public sealed class GenerateCommandTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> Catalog =
    [
        "account.updated", "user.updated", "subscription.started", "subscription.renewed", "subscription.cancelled", "subscription.expanded",
        "user.invited", "user.logged_in", "feature.used", "usage.snapshot", "ticket.opened", "ticket.escalated", "ticket.responded",
        "ticket.resolved", "csat.answered", "nps.answered", "page.viewed", "demo.requested", "trial.started", "kb.article_viewed",
        "email.unsubscribed", "email.bounced",
    ];

    [Fact]
    public void Generate_SameSeed_GivesTheSameBytes_DifferentSeedDoesNot()
    {
        using var dir = new TempDirectory();

        Assert.Equal(0, TriggersProcess.Run(dir.Path, "generate", "--accounts", "30", "--seed", "7", "--out", "a.jsonl").ExitCode);
        Assert.Equal(0, TriggersProcess.Run(dir.Path, "generate", "--accounts", "30", "--seed", "7", "--out", "b.jsonl").ExitCode);
        Assert.Equal(0, TriggersProcess.Run(dir.Path, "generate", "--accounts", "30", "--seed", "8", "--out", "c.jsonl").ExitCode);

        var a = File.ReadAllBytes(Path.Combine(dir.Path, "a.jsonl"));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir.Path, "b.jsonl")));
        Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(dir.Path, "c.jsonl")));
    }

    [Fact]
    public void Generate_History_IsValidCloudEventsInTimeOrder_FromTheCatalog_WithSomeRedeliveries()
    {
        var events = Parse(History(accounts: 90, months: 4));

        Assert.True(events.Count > 5_000);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.TimeTicks <= p.Second.TimeTicks), "events are not in time order");
        Assert.All(events, e => Assert.Contains(e.Type, Catalog));
        Assert.All(events, e => Assert.Equal("triggers-generator", e.Source));
        var copies = events.GroupBy(e => e.Id).Select(g => g.Count()).ToList();
        Assert.Contains(2, copies);
        Assert.True(copies.Count(c => c == 2) < events.Count / 200, "about one line in a thousand is a redelivery");
    }

    [Fact]
    public void Generate_TicketEvents_ReferToAnEarlierOpenedTicketOfTheSameAccount()
    {
        var opened = new Dictionary<string, (string Account, long Time)>();

        foreach (var e in Parse(History(accounts: 60, months: 3)).Where(e => e.Type.StartsWith("ticket.", StringComparison.Ordinal) || e.Type == "csat.answered"))
        {
            var ticket = e.Data.GetProperty("ticket_id").GetString()!;
            if (e.Type == "ticket.opened")
            {
                opened.TryAdd(ticket, (e.AccountId, e.TimeTicks));
                continue;
            }

            Assert.True(opened.TryGetValue(ticket, out var first), $"{e.Type} for {ticket} before it was opened");
            Assert.Equal(first.Account, e.AccountId);
        }

        Assert.NotEmpty(opened);
    }

    [Fact]
    public void Generate_Personas_TellTheirStories()
    {
        var events = Parse(History(accounts: 150, months: 6));
        var persona = events.Where(e => e.Type == "account.updated" && e.Data.TryGetProperty("persona", out _))
            .ToDictionary(e => e.AccountId, e => e.Data.GetProperty("persona").GetString()!);
        Assert.Equal(["manufacturer", "service-smb", "tech-founder"], persona.Values.Distinct().Order());
        double PerAccount(string who, Func<CloudEvent, bool> what) =>
            events.Count(e => persona[e.AccountId] == who && what(e)) / (double)persona.Values.Count(p => p == who);
        bool Is(CloudEvent e, string type) => e.Type == type;

        // Founders adopt key features early and expand; service businesses stall; manufacturers fight support and churn.
        Assert.True(PerAccount("service-smb", KeyFeature) * 5 < PerAccount("tech-founder", KeyFeature));
        Assert.True(PerAccount("tech-founder", e => Is(e, "subscription.expanded")) > 0.4);
        Assert.True(PerAccount("service-smb", e => Is(e, "user.logged_in")) * 3 < PerAccount("tech-founder", e => Is(e, "user.logged_in")));
        Assert.True(PerAccount("manufacturer", e => Is(e, "ticket.escalated")) > 5 * PerAccount("tech-founder", e => Is(e, "ticket.escalated")));
        Assert.True(PerAccount("manufacturer", e => Is(e, "subscription.cancelled")) > 0.15);
        Assert.True(PerAccount("manufacturer", e => Is(e, "subscription.cancelled")) > 3 * PerAccount("tech-founder", e => Is(e, "subscription.cancelled")));
        Assert.True(Average(events, persona, "manufacturer", e => Is(e, "csat.answered"), "score") < 2.5);
        Assert.True(Average(events, persona, "manufacturer", e => Is(e, "nps.answered"), "score") < 6);
        Assert.True(Average(events, persona, "tech-founder", e => Is(e, "nps.answered"), "score") > 8.5);
        Assert.True(Average(events, persona, "service-smb", e => Is(e, "usage.snapshot"), "seats_assigned") * 2.5
                    < Average(events, persona, "service-smb", e => Is(e, "usage.snapshot"), "seats_purchased"));
    }

    [Fact]
    public void Generate_AnAccount_IsTheSameInASmallAndALargeRun()
    {
        string[] Account(int accounts) => Encoding.UTF8.GetString(History(accounts, months: 3)).Split('\n')
            .Where(line => line.Contains("\"accountid\":\"acct-00007\"", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, "\"id\":\"evt-[0-9]+\",", ""))
            .Distinct().ToArray();

        Assert.Equal(Account(30), Account(90));
        Assert.NotEmpty(Account(30));
    }

    [Fact]
    public void Generate_EventsTarget_LandsNearTheWantedTotal()
    {
        using var output = new MemoryStream();

        var lines = GenerateCommand.Write(new GenerateOptions(5_000, 6, Start, 7, 50_000), output);

        Assert.InRange(lines, 45_000, 55_000);
    }

    [Fact]
    public void Generate_EventsTargetFarBelowWhatTheAccountsMake_SaysToAskForFewerAccounts()
    {
        using var dir = new TempDirectory();

        var few = TriggersProcess.Run(dir.Path, "generate", "--accounts", "200", "--events", "10", "--out", "few.jsonl");
        var near = TriggersProcess.Run(dir.Path, "generate", "--accounts", "200", "--events", "3000", "--out", "near.jsonl");

        Assert.Equal(0, few.ExitCode);
        Assert.Matches(@"note: --events 10 is below what 200 accounts make at the lowest activity \(about [0-9,]+ each\); for a smaller file, ask for fewer --accounts", few.Error);
        Assert.DoesNotContain("note:", near.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_EventsTargetFarAboveWhatTheAccountsCanMake_SaysToAskForMoreAccountsOrMonths()
    {
        using var dir = new TempDirectory();

        var many = TriggersProcess.Run(dir.Path, "generate", "--accounts", "2", "--events", "5000000", "--out", "many.jsonl");

        Assert.Equal(0, many.ExitCode);
        Assert.Matches(@"note: --events 5,000,000 is above what 2 accounts make over 6 months at the highest activity \(about [0-9,]+ each\); for a larger file, ask for more --accounts or --months", many.Error);
    }

    [Theory]
    [InlineData(new[] { "--seed", "abc" }, "triggers: --seed: 'abc' is not a whole number")]
    [InlineData(new[] { "--seed", "" }, "triggers: --seed is given an empty value (an unset variable in a script?)")]
    [InlineData(new[] { "--accounts", "99999999999" }, "triggers: --accounts: 99999999999 is out of range; it must be between -2,147,483,648 and 2,147,483,647")]
    [InlineData(new[] { "--accounts", "0", "--months", "-1" }, "triggers: --accounts: 0 is too small; it must be at least 1\ntriggers: --months: -1 is too small; it must be at least 1")]
    [InlineData(new[] { "--start", "9999-11-01" }, "triggers: --months: 6 months from 9999-11-01 run past the last date there is (9999-12-31); give fewer months or an earlier --start")]
    [InlineData(new[] { "--months", "100000" }, "triggers: --months: 100,000 months from 2026-01-01 run past the last date there is (9999-12-31); give fewer months or an earlier --start")]
    public void Generate_ANumberOptionThatIsNotOne_SaysWhichAndWhy_InOurWords(string[] options, string message)
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, ["generate", .. options, "--out", "x.jsonl"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(message + "\nsee 'triggers generate --help'", result.Error.Trim());
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "x.jsonl")));
    }

    [Fact]
    public void Generate_OutInAFolderThatDoesNotExist_MakesItAndSaysSo()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "generate", "--accounts", "2", "--out", "new/events.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"created the folder {Path.Combine(dir.Path, "new")} for the history", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "new", "events.jsonl")));
    }

    [Fact]
    public void Generate_OutIsADirectoryOrUnderAFile_SaysSo_ExitsOne()
    {
        using var dir = new TempDirectory().Write("taken", "a file, not a folder");
        Directory.CreateDirectory(Path.Combine(dir.Path, "histories"));

        var directory = TriggersProcess.Run(dir.Path, "generate", "--accounts", "3", "--out", "histories");
        var underAFile = TriggersProcess.Run(dir.Path, "generate", "--accounts", "3", "--out", "taken/events.jsonl");

        var histories = Path.Combine(dir.Path, "histories");
        Assert.Equal((1, $"triggers: '{histories}' is a directory; --out takes the file to write, e.g. {histories}/events.jsonl"), (directory.ExitCode, directory.Error.Trim()));
        Assert.Equal(1, underAFile.ExitCode);
        Assert.Equal($"triggers: the history could not be written: '{Path.Combine(dir.Path, "taken")}' is a file, not a folder, so '{Path.Combine(dir.Path, "taken", "events.jsonl")}' cannot be written inside it",
            underAFile.Error.Trim());
    }

    [Fact]
    public void Generate_OutDash_WritesTheHistoryToStandardOutput_NotToAFileNamedDash()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "generate", "--accounts", "2", "--seed", "7", "--out", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "-")));
        Assert.Equal(Encoding.UTF8.GetString(History(2, 6, seed: 7)), result.Output);
        Assert.Contains("to standard output", result.Error, StringComparison.Ordinal);
    }

    private static byte[] History(int accounts, int months, int seed = 42)
    {
        using var output = new MemoryStream();
        GenerateCommand.Write(new GenerateOptions(accounts, months, Start, seed, null), output);
        return output.ToArray();
    }

    private static List<CloudEvent> Parse(byte[] history) =>
        Encoding.UTF8.GetString(history).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(line), out var e, out var error), error);
            return e!;
        }).ToList();

    private static bool KeyFeature(CloudEvent e) => e.Type == "feature.used" && e.Data.GetProperty("key").GetBoolean();

    private static double Average(List<CloudEvent> events, Dictionary<string, string> persona, string who, Func<CloudEvent, bool> what, string field) =>
        events.Where(e => persona[e.AccountId] == who && what(e)).Average(e => e.Data.GetProperty(field).GetDouble());
}
