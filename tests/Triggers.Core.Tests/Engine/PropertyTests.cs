using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Properties of the engine over seeded random histories and playbooks using every trigger kind: determinism,
/// duplicate immunity, order immunity within the allowed lateness, and resumability from serialised state.
/// </summary>
public sealed class PropertyTests
{
    private const int Seeds = 25;
    private const int Events = 400;

    private static readonly PlaybookSet Set = LoadAllKinds();

    [Fact]
    public void SameInputTwice_GivesIdenticalOutcomes()
    {
        var rulesSeen = new HashSet<string>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            var first = Run(history, TimeSpan.Zero);
            Assert.Equal(first, Run(history, TimeSpan.Zero));
            rulesSeen.UnionWith(first.Select(o => JsonDocument.Parse(o).RootElement)
                .Where(o => o.TryGetProperty("rule", out _)).Select(o => o.GetProperty("rule").GetString()!));
        }

        // The histories must exercise the playbook, or the properties would hold vacuously.
        Assert.True(rulesSeen.Count >= 9, "rules that fired: " + string.Join(", ", rulesSeen));
    }

    [Fact]
    public void EveryOutcome_HasAnIdOfItsOwn()
    {
        // Dispatchers and webhook receivers dedupe on the id: two outcomes with one id would be one task, not two,
        // and a rule that fired twice for one reason would hide behind it (an at_most rule that emits once did).
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var ids = Run(HistoryGenerator.Generate(seed, Events), TimeSpan.Zero)
                .Select(o => JsonDocument.Parse(o).RootElement)
                .Where(o => o.GetProperty("kind").GetString() is not ("rejected" or "late"))
                .Select(o => o.GetProperty("id").GetString()!)
                .ToList();

            Assert.Equal([], ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
        }
    }

    [Fact]
    public void DuplicatingAnySubsetOfEvents_ChangesNothing()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 7);
            var history = HistoryGenerator.Generate(seed, Events);
            var withDuplicates = new List<(long, string)>();
            foreach (var e in history)
            {
                withDuplicates.Add(e);
                if (random.Next(4) == 0)
                {
                    withDuplicates.Add(e); // redelivered right away, as Service Bus does after an abandon
                }
            }

            Assert.Equal(Run(history, TimeSpan.Zero), Run(withDuplicates, TimeSpan.Zero));
        }
    }

    [Fact]
    public void ShufflingWithinTheAllowedLateness_ChangesNothing()
    {
        var lateness = TimeSpan.FromHours(6);
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 13);
            var history = HistoryGenerator.Generate(seed, Events);
            // Each event arrives up to `lateness` after its event time: no event is later than allowed.
            var shuffled = history.Select(e => (Arrival: e.Time + (long)(random.NextDouble() * lateness.Ticks), Event: e))
                .OrderBy(x => x.Arrival).Select(x => x.Event).ToList();
            Assert.NotEqual(history, shuffled);
            Assert.Equal(Run(history, lateness), Run(shuffled, lateness));
        }
    }

    [Fact]
    public void ArrivingAccountByAccount_InAnyOrderOfAccounts_ChangesNothing_WithNoAllowedLateness()
    {
        // Lateness is per account: an export that lists each account's events together (accounts in any order) is in
        // order for every account, and its unsubscribes and bounces reach the other accounts by their time as well.
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 29);
            var history = HistoryGenerator.Generate(seed, Events);
            var byAccount = history.GroupBy(e => Parse(e.Json).AccountId).OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
            Assert.NotEqual(history, byAccount);
            var inTime = Run(history, TimeSpan.Zero);
            Assert.Equal(inTime, Run(byAccount, TimeSpan.Zero));
            Assert.DoesNotContain(inTime, o => o.Contains("\"kind\":\"late\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RedeliveringAnySubsetOfEvents_LaterThanTheAllowedLateness_ChangesNothing()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 19);
            var history = HistoryGenerator.Generate(seed, Events);
            // Copies redelivered after the whole history, in any order: far behind the newest event, yet copies.
            var redelivered = history.Concat(history.Where(_ => random.Next(4) == 0).OrderBy(_ => random.Next())).ToList();

            Assert.Equal(Run(history, TimeSpan.Zero), Run(redelivered, TimeSpan.Zero));
        }
    }

    [Fact]
    public void DuplicatingUnsubscribes_WithAnotherAddressInTheCopy_ChangesNothing()
    {
        var copies = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            // A copy whose data changed on the way: the engine ignores it by its id, so no account may suppress its address.
            var withCopies = history.SelectMany(e => e.Json.Contains("\"email.unsubscribed\"", StringComparison.Ordinal)
                ? [e, (e.Time, System.Text.RegularExpressions.Regex.Replace(e.Json, "\"email\":\"u[0-9]@acme.test\"", "\"email\":\"admin@acme.test\""))]
                : new[] { e }).ToList();
            copies += withCopies.Count - history.Count;

            Assert.Equal(Run(history, TimeSpan.Zero), Run(withCopies, TimeSpan.Zero));
        }

        Assert.True(copies > Seeds, $"{copies} copies");
    }

    [Fact]
    public void ReplayingUntilAnyTime_GivesTheFullReplaysOutcomesUpToThatTime()
    {
        var lateness = TimeSpan.FromHours(2);
        var (late, duplicates) = (0, 0);
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed * 17);
            var history = HistoryGenerator.Generate(seed, Events);
            // Arrivals up to three times the lateness after their event time, so some are late, and a tenth of the events
            // redelivered up to days later: what is late or a duplicate must not depend on where the replay ends.
            var arrivals = history.Select(e => (Arrival: e.Time + random.NextInt64(3 * lateness.Ticks), Event: e)).ToList();
            arrivals.AddRange(history.Where(_ => random.Next(10) == 0).Select(e => (Arrival: e.Time + random.NextInt64(TimeSpan.FromDays(3).Ticks), Event: e)));
            var arrived = arrivals.OrderBy(x => x.Arrival).Select(x => x.Event).ToList();
            var until = new DateTimeOffset(history[random.Next(history.Count / 4, history.Count)].Time, TimeSpan.Zero);

            var full = Run(arrived, lateness).Where(o => TimeOf(o) <= until).ToList();
            var upTo = Run(arrived, lateness, until).Where(o => TimeOf(o) <= until).ToList();

            Assert.Equal(full, upTo);
            late += full.Count(o => o.Contains("\"kind\":\"late\"", StringComparison.Ordinal));
            duplicates += arrivals.Count - history.Count;
        }

        Assert.True(late > Seeds && duplicates > Seeds, $"{late} late, {duplicates} redelivered"); // the property holds for a reason
    }

    private static DateTimeOffset TimeOf(string outcome) => JsonDocument.Parse(outcome).RootElement.GetProperty("time").GetDateTimeOffset();

    [Fact]
    public void ReplayingInTwoHalvesWithStateCarriedAcross_EqualsOnePass()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            var split = history[history.Count / 2].Time;
            var end = new DateTimeOffset(history[^1].Time, TimeSpan.Zero);
            var onePass = Run(history, TimeSpan.Zero, end);

            var firstProgram = new CompiledPlaybooks(Set);
            var outcomes = new List<string>();
            var first = new Simulator(firstProgram, new SimulationOptions { Until = new DateTimeOffset(split, TimeSpan.Zero), KeepStates = true }, o => outcomes.Add(Json(o)));
            foreach (var (_, json) in history.Where(e => e.Time <= split))
            {
                first.Add(Encoding.UTF8.GetBytes(json), "history");
            }

            first.Finish();
            var saved = first.Accounts.Values.Select(s => AccountStateSerializer.Serialize(s, firstProgram)).ToList();

            var secondProgram = new CompiledPlaybooks(Set);
            var second = new Simulator(secondProgram, new SimulationOptions { Until = end, Recipients = first.Recipients }, o => outcomes.Add(Json(o)));
            foreach (var bytes in saved)
            {
                second.Resume(AccountStateSerializer.Deserialize(bytes, secondProgram));
            }

            foreach (var (_, json) in history.Where(e => e.Time > split))
            {
                second.Add(Encoding.UTF8.GetBytes(json), "history");
            }

            second.Finish();
            // A replay reports account by account; across the two runs, compare each account's outcomes in order.
            Assert.Equal(ByAccount(onePass), ByAccount(outcomes));
        }
    }

    [Fact]
    public void ReplayingOnlyOneAccount_GivesThatAccountsOutcomesOfTheFullReplay()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            var full = Run(history, TimeSpan.FromHours(1));
            var account = Parse(history[^1].Json).AccountId;

            var alone = Run(history, TimeSpan.FromHours(1), only: account);

            Assert.NotEmpty(alone);
            Assert.Equal(full.Where(o => AccountOf(o) is null || AccountOf(o) == account), alone); // late and rejected: as in the full replay
        }
    }

    [Fact]
    public void ReplayingInParts_TogetherGivesTheFullReplay_EachAccountInOnePart()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            // A malformed line (no account: part 1 reports it) and an event far later than allowed (its account's part reports it).
            history.Insert(history.Count / 2, (history[history.Count / 2].Time, "this line is not json"));
            history.Add((history[0].Time, history[0].Json.Replace("\"id\":\"", "\"id\":\"late-", StringComparison.Ordinal)));
            var full = Run(history, TimeSpan.FromHours(1));

            var parts = Enumerable.Range(1, 3).Select(k => Run(history, TimeSpan.FromHours(1), part: new HistoryPart(k, 3))).ToList();

            var accounts = parts.Select(p => p.Select(AccountOf).OfType<string>().ToHashSet()).ToList();
            Assert.Equal(accounts.Sum(a => a.Count), accounts.SelectMany(a => a).Distinct().Count()); // no account in two parts
            Assert.True(accounts.Count(a => a.Count > 0) >= 2, "the accounts should spread over the parts");
            Assert.Single(full, o => o.Contains("\"kind\":\"rejected\"", StringComparison.Ordinal));
            Assert.Single(full, o => o.Contains("\"kind\":\"late\"", StringComparison.Ordinal));
            Assert.Equal(ByAccount(full), ByAccount([.. parts.SelectMany(p => p)]));
        }
    }

    [Fact]
    public void HistoryPart_OutOfRange_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryPart(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryPart(4, 3));
        Assert.True(new HistoryPart(1, 1).Holds("any account"));
    }

    private static string? AccountOf(string outcome) =>
        JsonDocument.Parse(outcome).RootElement.TryGetProperty("accountid", out var a) ? a.GetString() : null;

    private static List<string> Run(IEnumerable<(long Time, string Json)> events, TimeSpan lateness, DateTimeOffset? until = null, string? only = null,
        HistoryPart? part = null)
    {
        var outcomes = new List<string>();
        var simulator = new Simulator(new CompiledPlaybooks(Set), new SimulationOptions { AllowedLateness = lateness, Until = until, OnlyAccount = only, Part = part },
            o => outcomes.Add(Json(o)));
        foreach (var (_, json) in events)
        {
            simulator.Add(Encoding.UTF8.GetBytes(json), "history");
        }

        simulator.Finish();
        return outcomes;
    }

    [Fact]
    public void ReplayAccountByAccount_EqualsOneGlobalPassInTimeOrder()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var history = HistoryGenerator.Generate(seed, Events);
            Assert.Equal(ByAccount(OneGlobalPass(history)), ByAccount(Run(history, TimeSpan.Zero)));
        }
    }

    [Fact]
    public void ReplayOfManyAccounts_AndOfOneAccountWithMoreEventsThanABatchHolds_EqualsOneGlobalPass()
    {
        // The simulator replays a few thousand events at a time, copied side by side: here many batches of small
        // accounts and, among them, one account of 5,000 events whose copies (each padded with an extension attribute) outgrow the
        // 2 MB the batch starts with. Shuffled within the lateness so that accounts need sorting within a batch.
        var many = HistoryGenerator.Generate(seed: 3, events: 12_000, accounts: 400);
        var big = HistoryGenerator.Generate(seed: 4, events: 5_000, accounts: 1)
            .Select(e => (e.Time, Json: e.Json.Replace("\"acct-0\"", "\"big\"", StringComparison.Ordinal)
                .Replace("{\"specversion\"", $"{{\"padding\":\"{new string('p', 360)}\",\"specversion\"", StringComparison.Ordinal)));
        var history = many.Concat(big).OrderBy(e => e.Time).ToList();
        var random = new Random(5);
        var shuffled = history.Select(e => (Key: e.Time + random.NextInt64(TimeSpan.FromHours(2).Ticks), Event: e)).OrderBy(e => e.Key).Select(e => e.Event).ToList();

        var reference = ByAccount(OneGlobalPass(history));
        Assert.Contains(reference, o => AccountOf(o) == "big");
        Assert.Equal(reference, ByAccount(Run(shuffled, TimeSpan.FromHours(2))));
    }

    /// <summary>
    /// The reference: every event of every account in one time-ordered stream, as the cloud sees them (each account's
    /// timers fire when its next input arrives), then every account's timers up to the end.
    /// </summary>
    private static List<string> OneGlobalPass(List<(long Time, string Json)> history)
    {
        var end = history.Max(e => e.Time);
        var program = new CompiledPlaybooks(Set);
        var reference = new List<string>();
        var ordered = history.Select(e => (Event: Parse(e.Json), e.Time)).OrderBy(e => e.Time).ThenBy(e => e.Event.Id, StringComparer.Ordinal).ToList();
        // Unsubscribes and bounces reach every account by time, as the cloud's table of them does.
        var recipients = new RecipientTimeline();
        foreach (var (e, time) in ordered.Where(e => e.Event.Type is "email.unsubscribed" or "email.bounced"))
        {
            if (e.Data.ValueKind == System.Text.Json.JsonValueKind.Object && e.Data.TryGetProperty("email", out var email) && email.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                recipients.Add(email.GetString()!, time, bounced: e.Type == "email.bounced");
            }
        }

        var engine = new JourneyEngine(program, o => reference.Add(Json(o))) { ReportTimers = false, Recipients = recipients };
        var states = new Dictionary<string, AccountState>(StringComparer.Ordinal);
        foreach (var (e, _) in ordered)
        {
            if (!states.TryGetValue(e.AccountId, out var state))
            {
                states[e.AccountId] = state = new AccountState(e.AccountId);
            }

            engine.ProcessEvent(state, e);
        }

        foreach (var state in states.Values)
        {
            engine.Advance(state, end);
        }

        return reference;
    }

    private static CloudEvent Parse(string json)
    {
        Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(json), out var e, out var error), error);
        return e!;
    }

    private static List<string> ByAccount(List<string> outcomes) =>
        [.. outcomes.OrderBy(o => JsonDocument.Parse(o).RootElement.TryGetProperty("accountid", out var a) ? a.GetString() : "", StringComparer.Ordinal)];

    private static string Json(Outcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            OutcomeJson.Write(json, outcome);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static PlaybookSet LoadAllKinds()
    {
        var result = PlaybookLoader.Load(
        [
            new SourceFile("journey.yaml", Scenario.Journey),
            new SourceFile("webhooks.yaml", Scenario.Targets),
            new SourceFile("all-kinds.yaml", AllKinds.Playbook),
        ]);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Set;
    }
}
