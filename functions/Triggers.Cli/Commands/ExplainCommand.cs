using System.CommandLine;
using Triggers.Core.Engine;
using Triggers.Core.Explaining;

namespace Triggers.Cli.Commands;

/// <summary>
/// <c>triggers explain --account ID</c>: the account's timeline (events, stages, milestones, timers, actions) and,
/// per rule, why it fired or why not. Replays the whole file so lateness and order are exactly as in simulate.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var playbooks = CliOptions.Playbooks();
        var events = CliOptions.Events();
        var until = CliOptions.Until();
        var lateness = CliOptions.AllowedLateness();
        var account = new Option<string>("--account") { HelpName = "ID", Description = "The account id (accountid) to explain", Required = true };
        // An empty id (an unset variable in a script: --account "$ID") is a usage mistake, not an account with no events.
        account.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--account: the account id is empty; give the accountid of the account to explain");
            }
        });
        var rule = new Option<string?>("--rule") { HelpName = "ID", Description = "Only this rule (playbook/rule or just rule)" };
        var command = new Command("explain", "Show an account's timeline and why each rule fired or did not")
        {
            playbooks, events, account, rule, until, lateness,
        };
        command.SetAction(result => Run(result.PlaybooksOrDefault(playbooks), result.GetValue(events)!.ToString(), result.GetValue(account)!,
            result.GetValue(rule), result.GetValue(until), result.GetValue(lateness) ?? TimeSpan.Zero, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string playbookDir, string eventsFile, string accountId, string? onlyRule, DateTimeOffset? until, TimeSpan lateness,
        TextWriter output, TextWriter error)
    {
        var loaded = PlaybookFiles.Load(playbookDir, error);
        if (loaded is null || HistoryInput.Unreadable(eventsFile, error))
        {
            return 1;
        }

        if (loaded.PlaybooksHaveErrors) // test files are never used here, so their errors are left to validate and test
        {
            DiagnosticPrinter.Print(loaded.PlaybookDiagnostics, error);
            return 1;
        }

        var program = new CompiledPlaybooks(loaded.Set);
        if (onlyRule is not null && !program.Set.Playbooks.SelectMany(p => p.Rules).Any(r => r.QualifiedId == onlyRule || r.Id == onlyRule))
        {
            var rules = program.Set.Playbooks.SelectMany(p => p.Rules).SelectMany(r => new[] { r.QualifiedId, r.Id }).Distinct(StringComparer.Ordinal).ToList();
            var closest = rules.FirstOrDefault(r => string.Equals(r, onlyRule, StringComparison.OrdinalIgnoreCase)) ?? Triggers.Core.Diagnostics.Suggest.Closest(onlyRule, rules);
            error.WriteLine($"triggers: no rule '{onlyRule}' in {playbookDir}{(closest is null ? "" : $"; did you mean '{closest}'?")}");
            return 1;
        }

        var explainer = new AccountExplainer(accountId);
        var simulator = new Simulator(program, new SimulationOptions { AllowedLateness = lateness, Until = until, IncludeTimers = true, OnlyAccount = accountId }, explainer.Record)
        {
            Trace = explainer,
            EventStarting = explainer.Starting,
            EventObserver = explainer.Observe,
            AccountReplayed = explainer.Replayed,
            DuplicateIgnored = explainer.Ignored,
        };
        HistoryInput.Feed(simulator, eventsFile, error, "replaying");

        simulator.Finish();
        var explanation = explainer.Build(program, onlyRule);
        if (explanation.Timeline.Count == 0 && until is { } cut && simulator.OnlyAfterUntil(accountId))
        {
            error.WriteLine($"triggers: account '{LineText.Escape(accountId)}' has no events up to --until {OutcomeJson.Format(cut)}: all of its events come after it");
            return 1;
        }

        if (explanation.Timeline.Count == 0) // an account whose every line was rejected or late still has those to show
        {
            // Case aside first: ids are matched exactly, and ACME-1 for acme-1 is the likeliest slip.
            var closest = simulator.AccountIds.FirstOrDefault(id => string.Equals(id, accountId, StringComparison.OrdinalIgnoreCase)) ??
                          Triggers.Core.Diagnostics.Suggest.Closest(accountId, simulator.AccountIds);
            // The suggestion is an id from the events, so it is escaped like every other text from them.
            // Events after --until are not replayed: an --until before the account's first event is the likelier cause then.
            var afterUntil = until is { } end && simulator.Stats.AfterUntil > 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" up to --until {OutcomeJson.Format(end)} ({simulator.Stats.AfterUntil:N0} events of the history come after it)")
                : "";
            error.WriteLine($"triggers: account '{accountId}' has no events in {(eventsFile == "-" ? "standard input" : eventsFile)}{afterUntil}{(closest is null ? "" : $"; did you mean '{LineText.Escape(closest)}'?")}");
            return 1;
        }

        Print(explanation, onlyRule, output);
        return 0;
    }

    /// <summary>
    /// Decisions in a row with the same text, as one: a threshold re-read at every trait change that leaves its value
    /// alone says the same each time, and the summary should show what was checked, not how often.
    /// </summary>
    private static IEnumerable<(TimelineEntry First, int Times, DateTimeOffset Last)> Runs(IReadOnlyList<TimelineEntry> decisions)
    {
        for (var i = 0; i < decisions.Count;)
        {
            var j = i + 1;
            while (j < decisions.Count && decisions[j].Text == decisions[i].Text)
            {
                j++;
            }

            yield return (decisions[i], j - i, decisions[j - 1].Time);
            i = j;
        }
    }

    // Rows for what the history held rather than what the engine did: kept when --rule narrows the rest.
    private static readonly string[] Input = ["event", "duplicate", "rejected", "late"];

    /// <summary>
    /// How many events, and of them how many the engine ignored as duplicates; then the lines that never reached
    /// it: a count that included those would not match the rows a reader can see the rules answer to.
    /// </summary>
    private static string Header(AccountExplanation x)
    {
        var text = Counted.Of(x.Events, "event");
        if (x.Duplicates > 0)
        {
            text += x.Duplicates == 1 ? " (1 a duplicate, ignored)" : $" ({Counted.Of(x.Duplicates, "duplicate")}, ignored)";
        }

        var (rejected, late) = (x.Timeline.Count(e => e.Kind == "rejected"), x.Timeline.Count(e => e.Kind == "late"));
        text += rejected > 0 ? $", {Counted.Of(rejected, "rejected line")}" : "";
        return text + (late > 0 ? $", {Counted.Of(late, "late event")} not evaluated" : "");
    }

    private static string Time(TimelineEntry entry) => entry.TimeUnknown ? OutcomeJson.NoTime : OutcomeJson.Format(entry.Time);

    private static void Print(AccountExplanation x, string? onlyRule, TextWriter output)
    {
        // Ids, traits, titles and reasons come from events: escaped, so each stays on its line (see LineText).
        void Line(string text) => output.WriteLine(LineText.Escape(text));

        Line($"Account {x.AccountId}: {Header(x)}");
        if (x.Traits.Count > 0)
        {
            Line("Traits: " + string.Join(", ", x.Traits.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
        }

        output.WriteLine();
        Line("Timeline");
        var shown = x.Timeline.Where(e => onlyRule is null || Input.Contains(e.Kind) || x.Rules.Any(r => r.Rule == e.Subject)).ToList();
        // Times to the second fill 20 characters; one with a fraction widens the column for every row, so they stay aligned.
        var width = shown.Select(e => Time(e).Length).Append(20).Max();
        foreach (var entry in shown)
        {
            Line($"  {Time(entry).PadRight(width)}  {entry.Kind,-10}  {entry.Subject,-40}  {entry.Text}");
        }

        output.WriteLine();
        Line("Rules");
        foreach (var rule in x.Rules)
        {
            var fired = rule.Fired.Count(o => o.Kind == OutcomeKind.Action);
            var suppressed = rule.Fired.Count(o => o.Kind == OutcomeKind.Suppressed);
            var verdict = fired > 0 ? $"fired {fired} action{(fired == 1 ? "" : "s")}" : "did not fire";
            Line($"  {rule.Rule}: {verdict}{(suppressed > 0 ? $", {suppressed} suppressed" : "")} (listens for {rule.Listens})");
            // One story in time order: what the rule waited for, then what it did (at one instant, the decision first).
            var outcomes = rule.Fired.Select(outcome => (outcome.Time, Order: 1, Lines: OutcomeLines(outcome)));
            var decisions = Runs(rule.Decisions).Select(run => (run.First.Time, Order: 0, Lines: new List<string>
                { $"      {OutcomeJson.Format(run.First.Time)}  {run.First.Text}{(run.Times > 1 ? $" ({run.Times} times, the last at {OutcomeJson.Format(run.Last)})" : "")}" }));
            foreach (var item in outcomes.Concat(decisions).OrderBy(i => i.Time).ThenBy(i => i.Order))
            {
                item.Lines.ForEach(Line);
            }

            if (fired == 0 && suppressed == 0 && rule.Decisions.Count == 0)
            {
                Line($"      nothing this rule listens for happened to {x.AccountId}");
            }
        }

        static List<string> OutcomeLines(Outcome outcome)
        {
            var what = outcome.Kind == OutcomeKind.Action ? AccountExplainer.Describe(outcome) : $"suppressed {outcome.Action} ({outcome.Reason}): {outcome.Because}";
            List<string> lines = [$"      {OutcomeJson.Format(outcome)}  {what}"];
            if (outcome.Kind == OutcomeKind.Action)
            {
                lines.Add($"          because {outcome.Because}");
            }

            return lines;
        }
    }
}
