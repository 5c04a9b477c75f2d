using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Cli.Tests.Generate;

public sealed class GenerateCommandTests
{
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
    public void Generate_History_IsValidCloudEventsInTimeOrder_WithPersonasThatBehaveDifferently()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, TriggersProcess.Run(dir.Path, "generate", "--accounts", "90", "--months", "4", "--out", "h.jsonl").ExitCode);

        var events = File.ReadLines(Path.Combine(dir.Path, "h.jsonl")).Select(line =>
        {
            Assert.True(EventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var e, out var error), error);
            return e!;
        }).ToList();

        Assert.True(events.Count > 5_000);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.TimeTicks <= p.Second.TimeTicks), "events are not in time order");
        var persona = events.Where(e => e.Type == "account.updated" && e.Data.TryGetProperty("persona", out _))
            .ToDictionary(e => e.AccountId, e => e.Data.GetProperty("persona").GetString()!);
        Assert.Equal(["manufacturer", "service-smb", "tech-founder"], persona.Values.Distinct().Order());

        double PerAccount(string who, Func<CloudEvent, bool> what) =>
            events.Count(e => persona[e.AccountId] == who && what(e)) / (double)persona.Values.Count(p => p == who);
        bool KeyFeature(CloudEvent e) => e.Type == "feature.used" && e.Data.GetProperty("key").GetBoolean();

        // The stories the sample report tells: smbs stall, manufacturers fight support and churn, founders expand.
        Assert.True(PerAccount("service-smb", KeyFeature) * 3 < PerAccount("tech-founder", KeyFeature));
        Assert.True(PerAccount("manufacturer", e => e.Type == "ticket.escalated") > 3 * PerAccount("tech-founder", e => e.Type == "ticket.escalated"));
        Assert.True(PerAccount("manufacturer", e => e.Type == "subscription.cancelled") > PerAccount("tech-founder", e => e.Type == "subscription.cancelled"));
        Assert.True(PerAccount("tech-founder", e => e.Type == "subscription.expanded") > PerAccount("service-smb", e => e.Type == "subscription.expanded"));
        Assert.Contains(events.GroupBy(e => e.Id), g => g.Count() == 2);
    }

    [Fact]
    public void Generate_EventsTarget_LandsNearTheWantedTotal()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "generate", "--accounts", "2000", "--events", "100000", "--out", "big.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.InRange(File.ReadLines(Path.Combine(dir.Path, "big.jsonl")).Count(), 80_000, 120_000);
    }
}
