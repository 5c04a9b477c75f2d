using System.Diagnostics;
using System.Globalization;
using Triggers.Core.Engine;

namespace Triggers.Benchmarks;

/// <summary>
/// The measured run behind the README's figures: streams a history file twice (parse only, then the full simulator
/// with every shipped playbook), then serialises every account's state to report its size.
/// </summary>
internal static class Measure
{
    public static int Run(string path)
    {
        var playbooks = Workload.Playbooks();
        Parse(path); // warm-up: JIT and page cache
        var parse = Parse(path);
        var (simulate, simulator) = Simulate(path, playbooks);
        var sizes = simulator.Accounts.Values.Select(s => AccountStateSerializer.Serialize(s, playbooks).Length).Order().ToList();
        var stats = simulator.Stats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            history:        {path}
            events:         {stats.Events:N0} over {stats.Accounts:N0} accounts ({stats.Actions:N0} actions, {stats.Suppressed:N0} suppressed, {stats.Timers:N0} timers)
            parse only:     {stats.Events / parse.TotalSeconds:N0} events/s ({parse.TotalSeconds:F2} s)
            simulate:       {stats.Events / simulate.TotalSeconds:N0} events/s ({simulate.TotalSeconds:F2} s)
            ratio:          {simulate.TotalSeconds / parse.TotalSeconds:F2}x the time of parsing
            state/account:  mean {sizes.Average():N0} B, p99 {sizes[(int)(sizes.Count * 0.99)]:N0} B, max {sizes[^1]:N0} B
            """));
        return 0;
    }

    private static TimeSpan Parse(string path)
    {
        var clock = Stopwatch.StartNew();
        foreach (var line in Workload.Lines(path))
        {
            if (EventParser.TryParse(line, out var e, out _))
            {
                e!.Dispose();
            }
        }

        return clock.Elapsed;
    }

    private static (TimeSpan, Simulator) Simulate(string path, CompiledPlaybooks playbooks)
    {
        var clock = Stopwatch.StartNew();
        var simulator = new Simulator(playbooks, new SimulationOptions(), _ => { });
        foreach (var line in Workload.Lines(path))
        {
            simulator.Add(line, path);
        }

        simulator.Finish();
        return (clock.Elapsed, simulator);
    }
}
