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
        var account = new Option<string>("--account") { Description = "The account id (accountid) to explain", Required = true };
        var rule = new Option<string?>("--rule") { Description = "Only this rule (playbook/rule or just rule)" };
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
            error.WriteLine($"triggers: no rule '{onlyRule}' in {playbookDir}");
            return 1;
        }

        var explainer = new AccountExplainer(accountId);
        var simulator = new Simulator(program, new SimulationOptions { AllowedLateness = lateness, Until = until, IncludeTimers = true, OnlyAccount = accountId }, explainer.Record)
        {
            Trace = explainer,
            EventStarting = explainer.Starting,
            EventObserver = explainer.Observe,
        };
        HistoryInput.Feed(simulator, eventsFile, error, "replaying");

        simulator.Finish();
        var explanation = explainer.Build(program, onlyRule);
        if (explanation.Events == 0)
        {
            var closest = Triggers.Core.Diagnostics.Suggest.Closest(accountId, simulator.AccountIds);
            error.WriteLine($"triggers: account '{accountId}' has no events in {eventsFile}{(closest is null ? "" : $"; did you mean '{closest}'?")}");
            return 1;
        }

        Print(explanation, onlyRule, output);
        return 0;
    }

    private static void Print(AccountExplanation x, string? onlyRule, TextWriter output)
    {
        // Ids, traits, titles and reasons come from events: escaped, so each stays on its line (see LineText).
        void Line(string text) => output.WriteLine(LineText.Escape(text));

        Line($"Account {x.AccountId}: {Counted.Of(x.Events, "event")}");
        if (x.Traits.Count > 0)
        {
            Line("Traits: " + string.Join(", ", x.Traits.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
        }

        output.WriteLine();
        Line("Timeline");
        foreach (var entry in x.Timeline.Where(e => onlyRule is null || e.Kind == "event" || x.Rules.Any(r => r.Rule == e.Subject)))
        {
            Line($"  {OutcomeJson.Format(entry.Time),-20}  {entry.Kind,-10}  {entry.Subject,-40}  {entry.Text}");
        }

        output.WriteLine();
        Line("Rules");
        foreach (var rule in x.Rules)
        {
            var fired = rule.Fired.Count(o => o.Kind == OutcomeKind.Action);
            var suppressed = rule.Fired.Count(o => o.Kind == OutcomeKind.Suppressed);
            var verdict = fired > 0 ? $"fired {fired} action{(fired == 1 ? "" : "s")}" : "did not fire";
            Line($"  {rule.Rule}: {verdict}{(suppressed > 0 ? $", {suppressed} suppressed" : "")} (listens for {rule.Listens})");
            foreach (var outcome in rule.Fired)
            {
                var what = outcome.Kind == OutcomeKind.Action ? AccountExplainer.Describe(outcome) : $"suppressed {outcome.Action} ({outcome.Reason}): {outcome.Because}";
                Line($"      {OutcomeJson.Format(outcome.Time)}  {what}");
                if (outcome.Kind == OutcomeKind.Action)
                {
                    Line($"          because {outcome.Because}");
                }
            }

            foreach (var decision in rule.Decisions)
            {
                Line($"      {OutcomeJson.Format(decision.Time)}  {decision.Text}");
            }

            if (fired == 0 && suppressed == 0 && rule.Decisions.Count == 0)
            {
                Line($"      nothing this rule listens for happened to {x.AccountId}");
            }
        }
    }
}
