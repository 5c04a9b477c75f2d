using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Explaining;

namespace Triggers.Cli.Commands;

/// <summary>
/// <c>triggers simulate</c>: replays a JSON Lines file of CloudEvents on a virtual clock through the production
/// engine, prints every outcome (table or JSON lines) and a summary on stderr. Dispatches nothing.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var playbooks = CliOptions.Playbooks();
        var events = CliOptions.Events();
        var until = CliOptions.Until();
        var lateness = CliOptions.AllowedLateness();
        var format = CliOptions.Format();
        var timers = new Option<bool>("--show-timers") { Description = "Also print each timer as it is scheduled (windows, holds, quiet-hour delays)" };
        var part = CliOptions.Part();
        var command = new Command("simulate", "Replay event history through the playbooks on a virtual clock; dispatch nothing. Outcomes go to stdout, the summary and progress to stderr")
        {
            playbooks, events, until, lateness, format, timers, part,
        };
        command.SetAction(result => Run(new Request(result.PlaybooksOrDefault(playbooks), result.GetValue(events)!.ToString(), result.GetValue(until),
            result.GetValue(lateness) ?? TimeSpan.Zero, result.GetValue(format)!, result.GetValue(timers), result.GetValue(part)), StandardStreams.OpenOutput(), Console.Error));
        return command;
    }

    public sealed record Request(string Playbooks, string Events, DateTimeOffset? Until, TimeSpan AllowedLateness, string Format, bool ShowTimers = false,
        HistoryPart? Part = null);

    public static int Run(Request request, Stream output, TextWriter error)
    {
        var loaded = PlaybookFiles.Load(request.Playbooks, error);
        if (loaded is null)
        {
            return 1;
        }

        if (loaded.PlaybooksHaveErrors) // test files are never used here, so their errors are left to validate and test
        {
            DiagnosticPrinter.Print(loaded.PlaybookDiagnostics, error);
            error.WriteLine("simulation not run: fix the errors above first (triggers validate)");
            return 1;
        }

        if (HistoryInput.Unreadable(request.Events, error))
        {
            return 1;
        }

        using var timeline = new Timeline();
        using var printer = new BackgroundSink(request.Format == "json" ? timeline.AddJson : o => timeline.AddText(o, TableRow(o)));
        var program = new Core.Engine.CompiledPlaybooks(loaded.Set);
        var simulator = new Simulator(program, new SimulationOptions { AllowedLateness = request.AllowedLateness, Until = request.Until, IncludeTimers = request.ShowTimers, Part = request.Part }, printer.Post);
        var clock = Stopwatch.StartNew();
        HistoryInput.Feed(simulator, request.Events, error, "simulating");

        var read = clock.Elapsed;
        simulator.Replaying = Replaying(error);
        simulator.Finish();
        printer.Complete();
        var replayed = clock.Elapsed;
        using (var buffered = new BufferedStream(output, 1 << 16))
        {
            if (request.Format != "json")
            {
                buffered.Write(Encoding.UTF8.GetBytes($"{"time",-24}  {"kind",-10}  {"account",-14}  {"rule / milestone / stage",-44}  detail\n"));
            }

            timeline.WriteTo(buffered);
        }

        clock.Stop();
        error.WriteLine((request.Part is { } p ? $"part {p}: " : "") + Summary(simulator.Stats, clock.Elapsed) +
            string.Create(CultureInfo.InvariantCulture, $" (reading {read.TotalSeconds:F2} s, replaying {(replayed - read).TotalSeconds:F2} s, writing {(clock.Elapsed - replayed).TotalSeconds:F2} s)"));
        if (simulator.Stats.TraitsNotKept > 0)
        {
            var count = simulator.Stats.TraitsNotKept;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {count:N0} trait value{(count == 1 ? " was" : "s were")} not kept: an account keeps at most {AccountState.MaxTraitSize / 1024} KB of traits (names and text, its users' included); explain --account shows which"));
        }

        if (HistoryInput.AllRejected(simulator.Stats, request.Events) is { } rejected)
        {
            error.WriteLine(rejected);
        }

        if (simulator.Stats is { AfterUntil: > 0, Processed: 0, Duplicates: 0, Late: 0 } && request.Until is { } until)
        {
            // A mistyped year gives an empty back-test that looks like a quiet one: say which it is, as explain and report do.
            error.WriteLine($"warning: every event in {(request.Events == "-" ? "standard input" : request.Events)} comes after --until {OutcomeJson.Format(until)} " +
                            $"({Counted.Of(simulator.Stats.AfterUntil, "event")}), so nothing was replayed");
        }

        foreach (var (type, listened) in simulator.Stats.LookalikeTypes)
        {
            // Types are compared exactly, as CloudEvents says: an exporter that writes User.Logged_In is heard by nobody.
            error.WriteLine($"warning: events of type '{LineText.Escape(type)}' are heard by no playbook; playbooks listen for '{listened}' " +
                            "(types are compared exactly, case included)");
        }

        if (QuietHoursInUtc(simulator.Stats) is { } warning)
        {
            error.WriteLine(warning);
        }

        if (SimulationStats.DescribeSchedulesWithoutDate(simulator.Stats) is { } notDates)
        {
            error.WriteLine($"warning: {LineText.Escape(notDates)} (explain --account shows which)");
        }

        return 0;
    }

    /// <summary>
    /// A line for quiet hours kept in UTC because an account's time zone was missing or unknown: without it a typo
    /// in a time zone trait would quietly send nudges at night.
    /// </summary>
    internal static string? QuietHoursInUtc(SimulationStats s)
    {
        if (s.QuietHoursWithoutZone + s.QuietHoursWithUnknownZone == 0)
        {
            return null;
        }

        return "warning: " + SimulationStats.DescribeQuietHoursInUtc(s) + "; set an IANA time zone trait such as Europe/Berlin (explain --account shows which)";
    }

    /// <summary>A line every few seconds while accounts are replayed, so a long run shows it is alive.</summary>
    internal static Action<int, int> Replaying(TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return (done, all) =>
        {
            if (clock.Elapsed - last >= TimeSpan.FromSeconds(3))
            {
                last = clock.Elapsed;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replaying: {done:N0} of {all:N0} accounts ({100.0 * done / all:F0}%)"));
            }
        };
    }

    internal static string Summary(SimulationStats s, TimeSpan elapsed)
    {
        var rate = s.Events / Math.Max(elapsed.TotalSeconds, 1e-6);
        var others = s.OtherAccounts > 0 ? string.Create(CultureInfo.InvariantCulture, $", {s.OtherAccounts:N0} for other parts") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"events: {s.Events:N0} ({s.Processed:N0} processed, {Counted.Of(s.Duplicates, "duplicate")}, {s.Late:N0} late, {s.Rejected:N0} rejected, {s.AfterUntil:N0} after --until{others}) " +
            $"over {Counted.Of(s.Accounts, "account")}; actions: {s.Actions:N0}, suppressed: {s.Suppressed:N0}, milestone changes: {s.Milestones:N0}, " +
            $"stage changes: {s.StageChanges:N0}, timers: {s.Timers:N0}; {elapsed.TotalSeconds:F2} s, {rate:N0} events/s");
    }

    private static string TableRow(Outcome o)
    {
        var what = o.Owner ?? o.TriggerEventId ?? "";
        var detail = o.Kind switch
        {
            OutcomeKind.Action => o.Action switch
            {
                "email" => $"email to {o.To} ({o.Template})",
                "task" => $"task {LineText.Quote(o.Title)} for {o.Assignee ?? "unassigned"} ({o.Priority})",
                "webhook" => $"webhook to {o.Target}",
                _ => $"emit {o.Type}",
            },
            OutcomeKind.Milestone => o.Status!,
            OutcomeKind.Stage => o.Because ?? "entered",
            OutcomeKind.Timer => $"{o.Reason} at {OutcomeJson.Format(o.Due!.Value)}",
            _ => string.IsNullOrEmpty(o.Because) ? $"{o.Action} {o.Reason}".Trim() : $"{o.Action} {o.Reason}: {o.Because}".Trim(),
        };
        // Text from events is escaped (a newline in a title would start a line that reads as another outcome).
        return $"{OutcomeJson.Format(o),-24}  {OutcomeJson.Kind(o.Kind),-10}  {LineText.Escape(o.AccountId),-14}  {LineText.Escape(what),-44}  {LineText.Escape(detail)}";
    }
}
