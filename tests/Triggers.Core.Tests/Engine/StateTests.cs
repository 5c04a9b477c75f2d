using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

public sealed class StateTests
{
    [Fact]
    public void AccountState_YearsOfHistory_StaysBoundedAndSmall()
    {
        var set = PlaybookLoader.Load(
        [
            new SourceFile("journey.yaml", Scenario.Journey), new SourceFile("webhooks.yaml", Scenario.Targets),
            new SourceFile("all-kinds.yaml", AllKinds.Playbook),
        ]).Set;
        var program = new CompiledPlaybooks(set);
        // The engine directly, as the cloud runs it: one account, one event at a time, the state measured as it goes.
        var engine = new JourneyEngine(program, _ => { });
        var state = new AccountState("acct-0");
        var history = HistoryGenerator.Generate(seed: 3, events: 40_000, accounts: 1);
        var sizes = new List<int>();
        for (var i = 0; i < history.Count; i++)
        {
            Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(history[i].Json), out var e, out var error), error);
            engine.ProcessEvent(state, e!);
            if ((i + 1) % 10_000 == 0)
            {
                sizes.Add(AccountStateSerializer.Serialize(state, program).Length);
            }
        }

        // Forty thousand events (years of one busy account): the state does not grow with history.
        Assert.All(sizes, size => Assert.InRange(size, 200, 8 * 1024));
        Assert.True(sizes[^1] <= sizes[0] * 2, "state grew with history: " + string.Join(", ", sizes));
    }

    [Fact]
    public void Replay_HandingOneAccountsStateToTheNext_EndsEachAccountAsAFreshStateWould()
    {
        var set = PlaybookLoader.Load(
        [
            new SourceFile("journey.yaml", Scenario.Journey), new SourceFile("webhooks.yaml", Scenario.Targets),
            new SourceFile("all-kinds.yaml", AllKinds.Playbook),
        ]).Set;
        var program = new CompiledPlaybooks(set);
        var history = HistoryGenerator.Generate(seed: 11, events: 3000, accounts: 12);
        var reused = new Dictionary<string, byte[]>();
        var recycling = new Simulator(program, new SimulationOptions(), _ => { })
        {
            AccountReplayed = state => reused[state.AccountId] = AccountStateSerializer.Serialize(state, program),
        };
        var fresh = new Simulator(program, new SimulationOptions { KeepStates = true }, _ => { });
        foreach (var (_, json) in history)
        {
            recycling.Add(Encoding.UTF8.GetBytes(json), "history");
            fresh.Add(Encoding.UTF8.GetBytes(json), "history");
        }

        recycling.Finish();
        fresh.Finish();

        Assert.Equal(12, reused.Count);
        foreach (var (account, state) in fresh.Accounts)
        {
            Assert.Equal(AccountStateSerializer.Serialize(state, program), reused[account]);
        }
    }

    [Fact]
    public void UserTraits_PastTheBound_TheUserUnusedLongestIsForgotten_NotTheOneSetUpFirst()
    {
        const string playbook = """
            playbook: admins
            rules:
              - id: admin-used-a-feature
                when: { event: feature.used, where: user.role == "admin" }
                do:
                  - task: { title: "admin used {{ event.data.feature }}", assignee: cs@vendor.test }
            """;
        // The admin is set up first, then AccountState.MaxUsers - 1 colleagues: the table is full. The admin uses a
        // feature (the rule reads their role), one more colleague arrives (someone must be forgotten: the one no rule
        // has needed for longest), and the admin uses a feature again.
        static string Colleague(int i, DateTime at) =>
            $"\n  - {{ time: {at.ToString("yyyy-MM-dd'T'HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture)}Z, type: user.updated, accountid: acme, userid: c{i}, data: {{ role: member }} }}";
        var colleagues = string.Concat(Enumerable.Range(1, AccountState.MaxUsers - 1).Select(i => Colleague(i, new DateTime(2026, 1, 2).AddMinutes(i))));
        var newcomer = Colleague(AccountState.MaxUsers, new DateTime(2026, 1, 3, 10, 0, 0));
        Scenario.Passes(playbook, $$"""
            test: the active admin keeps their traits
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: admin, data: { role: admin } }{{colleagues}}
              - { time: 2026-01-03T09:00:00Z, type: feature.used, accountid: acme, userid: admin, data: { feature: billing } }{{newcomer}}
              - { time: 2026-01-04T09:00:00Z, type: feature.used, accountid: acme, userid: admin, data: { feature: reports } }
            expect:
              - { time: 2026-01-03T09:00:00Z, rule: admins/admin-used-a-feature, action: task, title: admin used billing }
              - { time: 2026-01-04T09:00:00Z, rule: admins/admin-used-a-feature, action: task, title: admin used reports }
            expect_only: true
            """);
    }

    [Fact]
    public void AccountState_SerialiseAndRead_RoundTripsEveryPart()
    {
        var set = PlaybookLoader.Load(
        [
            new SourceFile("journey.yaml", Scenario.Journey), new SourceFile("webhooks.yaml", Scenario.Targets),
            new SourceFile("all-kinds.yaml", AllKinds.Playbook),
        ]).Set;
        var program = new CompiledPlaybooks(set);
        var simulator = new Simulator(program, new SimulationOptions { KeepStates = true }, _ => { });
        foreach (var (_, json) in HistoryGenerator.Generate(seed: 5, events: 500, accounts: 2))
        {
            simulator.Add(Encoding.UTF8.GetBytes(json), "history");
        }

        simulator.Finish();
        Assert.Equal(2, simulator.Accounts.Count);

        foreach (var state in simulator.Accounts.Values)
        {
            var bytes = AccountStateSerializer.Serialize(state, program);
            var copy = AccountStateSerializer.Deserialize(bytes, new CompiledPlaybooks(set));
            Assert.Equal(bytes, AccountStateSerializer.Serialize(copy, program));
            Assert.Equal(state.Account["plan"], copy.Account["plan"]);
            Assert.Equal(state.NextDue, copy.NextDue);
        }
    }

    [Fact]
    public void AccountState_SerialiseAndRead_KeepsTheDigitsOfIdsTooLongForADouble()
    {
        var set = PlaybookLoader.Load([new SourceFile("all-kinds.yaml", AllKinds.Playbook), new SourceFile("webhooks.yaml", Scenario.Targets)]).Set;
        var program = new CompiledPlaybooks(set);
        var state = new AccountState("acme");
        state.Account.Merge(Encoding.UTF8.GetBytes("""{"crm_id":12345678901234567890,"ids":[9007199254740993],"score":7.5,"huge":-1e400}"""));

        var copy = AccountStateSerializer.Deserialize(AccountStateSerializer.Serialize(state, program), program);

        Assert.Equal("12345678901234567890", copy.Account["crm_id"].NumberText);
        Assert.Equal(("-1e400", double.NegativeInfinity), (copy.Account["huge"].NumberText, copy.Account["huge"].AsNumber));
        Assert.Equal("9007199254740993", copy.Account["ids"].AsList[0].NumberText);
        Assert.Equal(7.5, copy.Account["score"].AsNumber);
        Assert.Null(copy.Account["score"].NumberText);
    }

    [Fact]
    public void Traits_FromAProducerThatInventsNamesDaily_StopAtTheLimit_AndTheStateStopsGrowing()
    {
        const string playbook = """
            playbook: plans
            rules:
              - id: enterprise
                when: { event: feature.used, where: account.plan == "enterprise" }
                do:
                  - task: { title: "enterprise account used {{ event.data.feature }}", assignee: cs@vendor.test }
            """;
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", playbook)]).Set;
        var program = new CompiledPlaybooks(set);
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(program, new SimulationOptions { KeepStates = true }, outcomes.Add);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string Event(int i, string type, string data, string user = "u1") =>
            $$"""{"specversion":"1.0","id":"e{{i}}","source":"crm","type":"{{type}}","time":"{{start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'}}","accountid":"acme","userid":"{{user}}","data":{{data}}}""";
        var sizes = new List<int>();
        var n = 0;
        simulator.Add(Encoding.UTF8.GetBytes(Event(n++, "account.updated", """{"plan":"starter"}""")), "history");
        for (var day = 0; day < 6_000; day++)
        {
            // A visit counter under a new name every day, and a user trait under a new name too.
            simulator.Add(Encoding.UTF8.GetBytes(Event(n++, "account.updated", $$"""{"visits_{{day}}":{{day}},"note_{{day}}":"{{new string('x', 20)}}"}""")), "history");
            simulator.Add(Encoding.UTF8.GetBytes(Event(n++, "user.updated", $$"""{"seen_{{day}}":true}""", $"u{day % 7}")), "history");
        }

        // After all that, a change to a trait it already has still takes, and a rule reads it.
        simulator.Add(Encoding.UTF8.GetBytes(Event(n++, "account.updated", """{"plan":"enterprise"}""")), "history");
        simulator.Add(Encoding.UTF8.GetBytes(Event(n++, "feature.used", """{"feature":"sso"}""")), "history");
        simulator.Finish();

        var state = simulator.Accounts["acme"];
        Assert.InRange(state.TraitSize, AccountState.MaxTraitSize - 64, AccountState.MaxTraitSize + 3); // + "enterprise" over "starter"
        Assert.Equal(state.Account.Size + state.Users.Values.Sum(user => user.Size), state.TraitSize); // the running total holds
        var copy = AccountStateSerializer.Deserialize(AccountStateSerializer.Serialize(state, program), program);
        Assert.Equal(state.TraitSize, copy.TraitSize);
        Assert.True(simulator.Stats.TraitsNotKept > 6_000, $"{simulator.Stats.TraitsNotKept} trait values not kept");
        Assert.Equal("enterprise", state.Account["plan"].AsString);
        Assert.Equal("enterprise account used sso", Assert.Single(outcomes, o => o.Kind == OutcomeKind.Action).Title);
        Assert.InRange(AccountStateSerializer.Serialize(state, program).Length, 1_000, 96 * 1024);
    }

    [Fact]
    public void TraitSize_FollowsEveryMerge_SetChangeAndRemoval()
    {
        var traits = new TraitMap();
        string[] merges =
        [
            """{"plan":"team","seats":10,"region":"EU"}""", """{"plan":"enterprise"}""", """{"seats":null,"tags":["a","b"]}""",
            """{"region":"North America","beta":true}""", """{"plan":null,"region":null,"tags":null,"beta":null}""",
        ];
        foreach (var json in merges)
        {
            traits.MergeChecked(Encoding.UTF8.GetBytes(json));
            Assert.Equal(traits.Entries.Sum(t => t.Key.Length + TraitMap.Weight(t.Value)), traits.Size);
        }

        Assert.Equal(0, traits.Size);
    }

    [Fact]
    public void TraitMerge_WithLittleRoom_KeepsChangesBeforeNewNames_AndNeverPassesTheHardBound()
    {
        var traits = new TraitMap();
        traits.MergeChecked(Encoding.UTF8.GetBytes("""{"plan":"team"}"""));
        var start = traits.Size; // 4 + 4

        // Room for 4 more new, 10 more changed: the plan's longer value fits, the new trait (6 + 8) does not.
        traits.MergeChecked(Encoding.UTF8.GetBytes("""{"plan":"business","region":"EU"}"""), 4, 10, out var refused);
        Assert.Equal((1, "business", start + 4), (refused, traits["plan"].AsString, traits.Size));

        // A change past the hard bound is not kept either; a smaller value always is, and frees room for what follows.
        traits.MergeChecked(Encoding.UTF8.GetBytes("""{"plan":"enterprise-plus-custom"}"""), 0, 2, out refused);
        Assert.Equal((1, "business"), (refused, traits["plan"].AsString));
        traits.MergeChecked(Encoding.UTF8.GetBytes("""{"plan":"pro","seats":5}"""), 0, 0, out refused);
        Assert.Equal((1, "pro", false), (refused, traits["plan"].AsString, traits.TryGetMember("seats", out _)));
        traits.MergeChecked(Encoding.UTF8.GetBytes("""{"plan":"a","seats":5}"""), 0, 0, out refused);
        Assert.Equal((1, 1), (refused, traits["plan"].AsString.Length)); // "seats" (5 + 8) still needs more than "pro" -> "a" freed
    }

    [Fact]
    public void TraitSize_StaysTheSumOfWhatIsKept_WhenUsersPastTheBoundAreForgotten()
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: feature.used }\n    do:\n      - task: { title: t }\n")]).Set;
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { KeepStates = true }, _ => { });
        for (var i = 0; i < AccountState.MaxUsers + 25; i++)
        {
            var data = $$"""{"email":"user{{i}}@acme.test","role":"{{(i % 3 == 0 ? "admin" : "member")}}","note":"{{new string('n', i % 40)}}"}""";
            simulator.Add(Encoding.UTF8.GetBytes(
                $$"""{"specversion":"1.0","id":"u{{i}}","source":"s","type":"user.updated","time":"2026-01-01T00:{{i / 60:D2}}:{{i % 60:D2}}Z","accountid":"acme","userid":"u{{i}}","data":{{data}}}"""), "h");
        }

        simulator.Finish();

        var state = simulator.Accounts["acme"];
        Assert.Equal(AccountState.MaxUsers, state.Users.Count);
        Assert.Equal(state.Account.Size + state.Users.Values.Sum(user => user.Size), state.TraitSize);
    }
}
