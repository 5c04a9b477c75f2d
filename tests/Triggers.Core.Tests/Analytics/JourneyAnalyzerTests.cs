using System.Text;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Analytics;

public sealed class JourneyAnalyzerTests
{
    private const string Journey = """
        journey: short
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
          - id: advocacy
            entered_when: { event: nps.answered }
        """;

    private const string Onboarding = """
        journey: life
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
        """;

    /// <summary>Replays events (type, account), a minute apart from 2026-01-01T00:01, through a map of one journey.</summary>
    private static JourneyAnalyzer Replay(string journey, params (string Type, string Account)[] events) =>
        Replay(journey, [], [.. events.Select(e => (e.Type, e.Account, "{}"))]);

    /// <summary>
    /// Replays events (type, account, data as JSON), a minute apart from 2026-01-01T00:01, through a map of one journey
    /// split by <paramref name="segments"/>.
    /// </summary>
    private static JourneyAnalyzer Replay(string journey, string[] segments, params (string Type, string Account, string Data)[] events)
    {
        var set = PlaybookLoader.Load([new SourceFile("journeys/j.yaml", journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), segments);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        var n = 0;
        foreach (var (type, account, data) in events)
        {
            n++;
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"{{{n}}}","type":"{{{type}}}","time":"2026-01-01T{{{n / 60:00}}}:{{{n % 60:00}}}:00Z","accountid":"{{{account}}}","data":{{{data}}}}"""), "events");
        }

        simulator.Finish();
        return analyzer;
    }

    [Fact]
    public void Build_ActiveAccountsLongInAStage_AreStuckExceptInTheFinalStage()
    {
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        string[] events =
        [
            // "waiting" starts and never moves on; "advocate" reaches the final stage. Both stay active for 60 days.
            """{"specversion":"1.0","source":"s","id":"1","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"waiting"}""",
            """{"specversion":"1.0","source":"s","id":"2","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"advocate"}""",
            """{"specversion":"1.0","source":"s","id":"3","type":"nps.answered","time":"2026-01-02T00:00:00Z","accountid":"advocate","data":{"score":10}}""",
            """{"specversion":"1.0","source":"s","id":"4","type":"user.logged_in","time":"2026-03-01T00:00:00Z","accountid":"waiting"}""",
            """{"specversion":"1.0","source":"s","id":"5","type":"user.logged_in","time":"2026-03-01T00:00:00Z","accountid":"advocate"}""",
        ];
        foreach (var json in events)
        {
            simulator.Add(Encoding.UTF8.GetBytes(json), "events");
        }

        simulator.Finish();

        var stages = analyzer.Build().Segments[0].Stages;
        Assert.Equal((1, 30.0), (stages[0].Stuck, stages[0].StuckAfterDays!.Value));
        Assert.Equal(0, stages[1].Stuck);
        Assert.Null(stages[1].StuckAfterDays);
    }

    [Fact]
    public void Build_AStageSkipped_CountsAsMovingOn_ButNotAsTheStepsConversion()
    {
        // One account pays after its trial; two go from trial straight to adoption: all three moved on, one converted.
        var analyzer = Replay("""
            journey: funnel
            stages:
              - { id: trial, entered_when: { event: trial.started } }
              - { id: paid, entered_when: { event: subscription.started } }
              - { id: adopted, entered_when: { event: feature.used } }
            """,
            ("trial.started", "a"), ("trial.started", "b"), ("trial.started", "c"),
            ("subscription.started", "a"), ("feature.used", "a"), ("feature.used", "b"), ("feature.used", "c"));

        var stages = analyzer.Build().Segments[0].Stages;
        Assert.Equal((1.0, 1.0 / 3), (stages[0].ConversionToNext!.Value, stages[0].ConversionToFollowing!.Value));
        Assert.Equal((1.0, 1.0), (stages[1].ConversionToNext!.Value, stages[1].ConversionToFollowing!.Value));
        Assert.Null(stages[2].ConversionToFollowing);
    }

    [Fact]
    public void Build_TouchpointsOfManyAccounts_AreTotalledPerStageBusiestFirst()
    {
        const string journey = """
            journey: touch
            stages:
              - id: onboarding
                entered_when: { event: subscription.started }
            touchpoints:
              - { id: docs, name: Docs, channel: web, events: [kb.article_viewed] }
              - { id: support, name: Support, channel: support, events: [ticket.opened] }
              - { id: demo, name: Demo, channel: meeting, events: [demo.requested] }
              - { id: planned, name: Planned, channel: web, events: [] }
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/touch.yaml", journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        var n = 0;
        void Add(string type, string account) =>
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"{{{++n}}}","type":"{{{type}}}","time":"2026-01-01T{{{n / 60:00}}}:{{{n % 60:00}}}:00Z","accountid":"{{{account}}}"}"""), "events");
        foreach (var account in new[] { "a", "b", "c" })
        {
            Add("subscription.started", account);
            Add("ticket.opened", account);
        }

        Add("kb.article_viewed", "a");
        Add("ticket.opened", "b");
        simulator.Finish();

        var touchpoints = analyzer.Build().Segments[0].Stages[0].Touchpoints;
        Assert.Equal([("support", 4), ("docs", 1)], touchpoints.Select(t => (t.Touchpoint, t.Events)));
    }

    [Fact]
    public void Build_EventsBeforeTheFirstStage_CountForTheStageTheirTouchpointNames_OnceEntered()
    {
        const string journey = """
            journey: buy
            stages:
              - id: purchase
                entered_when: { event: subscription.started }
              - id: onboarding
                entered_when: { event: user.logged_in }
            touchpoints:
              - { id: website, name: Website, channel: web, stage: purchase, events: [page.viewed] }
              - { id: docs, name: Docs, channel: web, events: [kb.article_viewed] }
            """;
        // a views the site twice, then buys; b views it and never buys; docs name no stage, so a's early read counts nowhere.
        var analyzer = Replay(journey, ("page.viewed", "a"), ("kb.article_viewed", "a"), ("page.viewed", "a"), ("page.viewed", "b"),
            ("subscription.started", "a"), ("page.viewed", "a"));

        var stages = analyzer.Build().Segments[0].Stages;
        Assert.Equal([("website", 3)], stages[0].Touchpoints.Select(t => (t.Touchpoint, t.Events)));
        Assert.Empty(stages[1].Touchpoints);
    }

    [Fact]
    public void Build_PerSegment_CountsOnlyItsAccounts_ConversionDropoutMilestonesSentimentAndRedFlagsInFailureOrder()
    {
        const string journey = """
            journey: life
            stages:
              - id: onboarding
                entered_when: { event: subscription.started }
              - id: adoption
                entered_when: { event: feature.used }
              - id: advocacy
                entered_when: { event: nps.answered }
            """;
        const string playbook = """
            playbook: activation
            stage: onboarding
            milestones:
              - id: first-login
                reached_when: { event: subscription.started }
                success: { event: user.logged_in, within: 3d }
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/life.yaml", journey), new SourceFile("activation.yaml", playbook)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), ["plan"]);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        var n = 0;
        void Add(string account, string type, string day, string data = "{}") =>
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"{{{++n}}}","type":"{{{type}}}","time":"2026-01-{{{day}}}T00:00:00Z","accountid":"{{{account}}}","data":{{{data}}}}"""), "events");

        // Team: t1 logs in (milestone succeeds) and adopts after 2 days, t2 adopts after 4 days, t3 never logs in
        // (fails on the 5th) and has a ticket and a CSAT answer. Business: b1 fails on the 4th, then cancels.
        foreach (var (account, plan) in new[] { ("t1", "team"), ("t2", "team"), ("t3", "team") })
        {
            Add(account, "account.updated", "01", $$$"""{"plan":"{{{plan}}}"}""");
        }

        Add("b1", "account.updated", "01", """{"plan":"business"}""");
        Add("b1", "subscription.started", "01");
        Add("t1", "subscription.started", "01");
        Add("t2", "subscription.started", "01");
        Add("t3", "subscription.started", "02");
        Add("t1", "user.logged_in", "02");
        Add("t1", "feature.used", "03");
        Add("t2", "feature.used", "05");
        Add("t3", "ticket.opened", "06");
        Add("t3", "csat.answered", "06", """{"score":4}""");
        Add("b1", "subscription.cancelled", "09");
        Add("t2", "user.logged_in", "28");
        simulator.Finish();

        var report = analyzer.Build();
        Assert.Equal(["All accounts", "plan: business", "plan: team"], report.Segments.Select(s => s.Label));
        var all = report.Segments[0];
        var team = report.Segments.Single(s => s.Value == "team");
        var business = report.Segments.Single(s => s.Value == "business");

        Assert.Equal((4, 3, 1), (all.Accounts, team.Accounts, business.Accounts));
        var onboarding = team.Stages[0];
        Assert.Equal((3, 2.0 / 3, 0, 0), (onboarding.Entered, onboarding.ConversionToNext!.Value, onboarding.Stuck, onboarding.Dropped));
        Assert.Equal([2.0, 4.0], onboarding.DaysInStage);
        Assert.Equal(2, team.Stages[1].Entered);
        var activation = Assert.Single(onboarding.Milestones);
        Assert.Equal((3, 1, 2), (activation.Reached, activation.Succeeded, activation.Failed));
        Assert.Equal(["t2", "t3"], onboarding.RedFlags.Select(f => f.AccountId)); // t2 failed on the 4th, t3 on the 5th
        Assert.Equal((1, 4.0), (onboarding.Sentiment.CsatAnswers, onboarding.Sentiment.Csat!.Value));
        Assert.Equal(1, onboarding.Tickets);

        var lost = business.Stages[0];
        Assert.Equal((1, 0.0, 1), (lost.Entered, lost.ConversionToNext!.Value, lost.Dropped));
        Assert.Equal(["b1"], lost.RedFlags.Select(f => f.AccountId));
        Assert.Equal(0, lost.Tickets);
        Assert.Equal(["b1", "t2", "t3"], all.Stages[0].RedFlags.Select(f => f.AccountId));
    }

    [Fact]
    public void Build_AMilestoneTheClockReachesTwice_IsTwoReachingsAndTwoRedFlags()
    {
        // The renewal date moves a month on after the first call was missed: the schedule reaches the milestone again,
        // and that one is missed too. Paired by trigger event alone (none), the two were one, and one red flag was lost.
        const string playbook = """
            playbook: renewal
            stage: onboarding
            milestones:
              - id: renewal-call
                reached_when: { schedule: { date: account.renewal_date, offset: -5d } }
                success: { event: call.logged, within: 2d }
            rules: []
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey), new SourceFile("renewal.yaml", playbook)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { Until = DateTimeOffset.Parse("2026-04-01T00:00:00Z") }, analyzer.Record)
        {
            EventObserver = analyzer.Observe,
        };
        simulator.Add("""{"specversion":"1.0","source":"s","id":"1","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"w1"}"""u8, "events");
        simulator.Add("""{"specversion":"1.0","source":"s","id":"2","type":"account.updated","time":"2026-01-01T00:01:00Z","accountid":"w1","data":{"renewal_date":"2026-02-01"}}"""u8, "events");
        simulator.Add("""{"specversion":"1.0","source":"s","id":"3","type":"account.updated","time":"2026-01-30T00:00:00Z","accountid":"w1","data":{"renewal_date":"2026-03-01"}}"""u8, "events");
        simulator.Finish();

        var stage = analyzer.Build(DateTimeOffset.Parse("2026-04-01T00:00:00Z")).Segments[0].Stages[0];
        var renewal = Assert.Single(stage.Milestones);
        Assert.Equal((2, 0, 2), (renewal.Reached, renewal.Succeeded, renewal.Failed));
        Assert.Equal(2, stage.RedFlags.Count);
    }

    [Theory]
    [InlineData(new[] { 2, 10 }, 6.0)] // an even number: the mean of the two middle values, as a reader computes it
    [InlineData(new[] { 2, 3, 10 }, 3.0)]
    [InlineData(new[] { 1, 2, 9, 10 }, 5.5)]
    public void Build_MedianDaysInStage_IsTheUsualMedian(int[] days, double median)
    {
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        for (var i = 0; i < days.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"s{{{i}}}","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"a{{{i}}}"}"""), "events");
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"n{{{i}}}","type":"nps.answered","time":"2026-01-{{{1 + days[i]:00}}}T00:00:00Z","accountid":"a{{{i}}}","data":{"score":9}}"""), "events");
        }

        simulator.Finish();

        var onboarding = analyzer.Build().Segments[0].Stages[0];
        Assert.Equal(days.Select(d => (double)d), onboarding.DaysInStage);
        Assert.Equal(median, onboarding.MedianDays);
        Assert.Equal(days[^1], onboarding.P90Days); // the other percentiles stay values actually observed
    }

    [Fact]
    public void Build_AMilestoneMissedBeforeTheAccountsFirstStage_IsARedFlagOfTheFirstStage_NotLost()
    {
        const string playbook = """
            playbook: pricing
            milestones:
              - id: demo-booked
                reached_when: { event: page.viewed }
                success: { event: demo.requested, within: 1d }
            rules: []
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey), new SourceFile("pricing.yaml", playbook)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        simulator.Add("""{"specversion":"1.0","source":"s","id":"1","type":"page.viewed","time":"2026-01-01T00:00:00Z","accountid":"z2"}"""u8, "events");
        simulator.Add("""{"specversion":"1.0","source":"s","id":"2","type":"subscription.started","time":"2026-01-05T00:00:00Z","accountid":"z2"}"""u8, "events");
        simulator.Finish();

        var onboarding = analyzer.Build().Segments[0].Stages[0];
        Assert.Equal((1, 1), (Assert.Single(onboarding.Milestones).Reached, onboarding.Milestones[0].Failed));
        Assert.Equal("z2", Assert.Single(onboarding.RedFlags).AccountId);
    }

    [Fact]
    public void Build_AnAccountThatCancelsAndSubscribesAgain_IsNotDroppedOut()
    {
        var analyzer = Replay(Onboarding, ("subscription.started", "gone"), ("subscription.started", "back"), ("subscription.cancelled", "gone"),
            ("subscription.cancelled", "back"), ("subscription.started", "back"));

        Assert.Equal(1, analyzer.Build().Segments[0].Stages[0].Dropped);
    }

    [Fact]
    public void Build_MoreThanTwelveValuesOfATrait_KeepsTheTwelveLargestAndGathersTheRestUnderOther()
    {
        const string playbook = """
            playbook: welcome
            rules:
              - id: hello
                when: { event: subscription.started }
                do:
                  - task: { title: "say hello" }
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey), new SourceFile("welcome.yaml", playbook)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), ["industry"]);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        // Fourteen industries: i01 has three accounts, a real value "other" two, the rest one each. The twelve kept are
        // the largest, ties by name (i01, other, i03 ... i12); i13 and i14 are the "(other values)", which must not be
        // taken for the real "other". Account names run against industry order.
        var industries = new[] { "i01", "i01", "i01", "other", "other" }.Concat(Enumerable.Range(3, 12).Select(i => $"i{i:00}")).ToList();
        var n = 0;
        for (var a = 0; a < industries.Count; a++)
        {
            var account = $"acct-{industries.Count - a:00}";
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"{{{++n}}}","type":"account.updated","time":"2026-01-01T{{{a:00}}}:00:00Z","accountid":"{{{account}}}","data":{"industry":"{{{industries[a]}}}"}}"""), "events");
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"s","id":"{{{++n}}}","type":"subscription.started","time":"2026-01-01T{{{a:00}}}:30:00Z","accountid":"{{{account}}}"}"""), "events");
        }

        simulator.Finish();

        var report = analyzer.Build();
        Assert.Equal(["All accounts", "industry: i01", .. Enumerable.Range(3, 10).Select(i => $"industry: i{i:00}"), "industry: other", "industry: (other values)"],
            report.Segments.Select(s => s.Label));
        Assert.Equal([17, 3, .. Enumerable.Repeat(1, 10), 2, 2], report.Segments.Select(s => s.Accounts));
        var other = report.Segments[^1];
        Assert.Equal(2, other.Stages[0].Entered);
        Assert.Equal(("welcome/hello", 2), (other.Rules.Single().Rule, other.Rules.Single().Actions["task"]));
        Assert.Equal(17, report.Segments[0].Rules.Single().Actions["task"]);
    }

    [Fact]
    public void Build_AccountsWithoutTheSegmentTrait_AreInANotSetSegment_SoATraitsSegmentsAddUpToAll()
    {
        // a and b have a plan; c never gets one; d's events carry other traits only.
        var report = Replay(Journey, ["plan"],
            ("account.updated", "a", """{"plan":"team"}"""), ("account.updated", "b", """{"plan":"business"}"""),
            ("subscription.started", "a", "{}"), ("subscription.started", "b", "{}"), ("subscription.started", "c", "{}"),
            ("account.updated", "d", """{"region":"eu"}"""), ("subscription.started", "d", "{}")).Build();

        Assert.Equal(["All accounts", "plan: business", "plan: team", "plan: (not set)"], report.Segments.Select(s => s.Label));
        Assert.Equal([4, 1, 1, 2], report.Segments.Select(s => s.Accounts));
        var notSet = report.Segments[^1];
        Assert.True(notSet.NotSet);
        Assert.Equal(2, notSet.Stages[0].Entered);
        Assert.Equal(report.Segments[0].Accounts, report.Segments.Where(s => s.Trait == "plan").Sum(s => s.Accounts));
    }

    [Fact]
    public void Build_EveryAccountHasTheTrait_HasNoNotSetSegment()
    {
        var report = Replay(Journey, ["plan"], ("account.updated", "a", """{"plan":"team"}"""), ("subscription.started", "a", "{}")).Build();

        Assert.Equal(["All accounts", "plan: team"], report.Segments.Select(s => s.Label));
    }

    [Fact]
    public void Build_TraitNoAccountHas_HasNoNotSetSegmentEither()
    {
        var report = Replay(Journey, ["plan"], ("subscription.started", "a", "{}")).Build();

        Assert.Equal(["All accounts"], report.Segments.Select(s => s.Label));
        Assert.Empty(report.SegmentTraits);
    }

    [Fact]
    public void Build_SegmentTraitSetToNullLater_CountsAsNotSet_AndSetAgainCountsItsNewValue()
    {
        // a: team, then null (cleared in the CRM). b: team, null, then business. Segments go by the final value.
        var report = Replay(Journey, ["plan"],
            ("account.updated", "a", """{"plan":"team"}"""), ("account.updated", "b", """{"plan":"team"}"""),
            ("subscription.started", "a", "{}"), ("subscription.started", "b", "{}"),
            ("account.updated", "a", """{"plan":null}"""), ("account.updated", "b", """{"plan":null}"""),
            ("account.updated", "b", """{"plan":"business"}"""), ("account.updated", "c", """{"plan":"team"}""")).Build();

        Assert.Equal([("All accounts", 3), ("plan: business", 1), ("plan: team", 1), ("plan: (not set)", 1)],
            report.Segments.Select(s => (s.Label, s.Accounts)));
        Assert.Equal(1, report.Segments.Single(s => s.NotSet).Stages[0].Entered); // a, who entered onboarding
    }

    [Fact]
    public void Build_ScoresOutsideTheirScaleOrNoNumber_AreLeftOutOfSentimentAndCounted()
    {
        // In onboarding: CSAT 4, 7 (off 1-5) and 0 (off); NPS -1 and 100 (off 0-10) and 1e999 (read as infinity: off);
        // a text score that is a number ("5": counted as 5), one that is none ("great": off), and an answer without a
        // score (counted neither way). b's NPS before its first stage counts for no stage.
        var report = Replay(Onboarding, [],
            ("subscription.started", "a", "{}"),
            ("csat.answered", "a", """{"score":4}"""), ("csat.answered", "a", """{"score":7}"""), ("csat.answered", "a", """{"score":0}"""),
            ("nps.answered", "b", """{"score":5}"""), // before b's first stage: no stage to count it for
            ("subscription.started", "b", "{}"),
            ("nps.answered", "b", """{"score":-1}"""), ("nps.answered", "b", """{"score":100}"""), ("nps.answered", "b", """{"score":1e999}"""),
            ("csat.answered", "b", """{"score":"5"}"""), ("csat.answered", "b", """{"score":"great"}"""), ("csat.answered", "b", """{"comment":"ok"}""")).Build();

        var onboarding = report.Segments[0].Stages[0].Sentiment;
        Assert.Equal((4.5, 2, 3), (onboarding.Csat!.Value, onboarding.CsatAnswers, onboarding.CsatOffScale));
        Assert.Equal((null, 0, 3), (onboarding.Nps, onboarding.NpsAnswers, onboarding.NpsOffScale));
        Assert.Equal(87.5, onboarding.Score!.Value); // CSAT 4.5 alone: (4.5 - 1) / 4 of the way
    }
}
