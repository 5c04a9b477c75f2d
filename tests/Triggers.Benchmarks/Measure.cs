using System.Diagnostics;
using System.Globalization;
using Triggers.Core.Engine;

namespace Triggers.Benchmarks;

/// <summary>
/// The measured run behind the README's figures, without BenchmarkDotNet: the history file is read into memory
/// first, so both passes time only the work on the same lines: parsing alone (best of three), then the full
/// simulator with every shipped playbook. Ends with the size of every account's serialised state.
/// </summary>
internal static class Measure
{
    public static int Run(string path, string? playbookDirectory)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"measure: {path} does not exist (make one with: triggers generate --accounts 100000 --events 1000000 --seed 7 --out {path})");
            return 1;
        }

        var playbooks = Workload.Playbooks(playbookDirectory);
        var lines = Workload.Lines(path).ToArray();
        Parse(lines); // warm-up: JIT
        var parse = Enumerable.Range(0, 3).Select(_ => Parse(lines)).Min();
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var (simulate, simulator) = Simulate(lines, playbooks);
        (gen0, gen1, gen2, paused) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - paused);
        var sizes = simulator.Accounts.Values.Select(s => AccountStateSerializer.Serialize(s, playbooks).Length).Order().ToList();
        var stats = simulator.Stats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            history:        {path}
            events:         {stats.Events:N0} over {stats.Accounts:N0} accounts ({stats.Duplicates:N0} duplicates; {stats.Actions:N0} actions, {stats.Suppressed:N0} suppressed, {stats.Timers:N0} timers)
            parse only:     {lines.Length / parse.TotalSeconds:N0} events/s ({parse.TotalSeconds:F2} s)
            simulate:       {stats.Events / simulate.TotalSeconds:N0} events/s ({simulate.TotalSeconds:F2} s)
            ratio:          {simulate.TotalSeconds / parse.TotalSeconds:F1}x the time of parsing
            simulate GC:    {gen0} gen0, {gen1} gen1, {gen2} gen2 collections, {paused.TotalSeconds:F2} s paused ({paused / simulate:P0} of the time)
            state/account:  mean {sizes.Average():N0} B, p99 {sizes[(int)(sizes.Count * 0.99)]:N0} B, max {sizes[^1]:N0} B
            """));
        return 0;
    }

    private static TimeSpan Parse(byte[][] lines)
    {
        var clock = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            if (EventParser.TryParse(line, out var e, out _))
            {
                e!.Dispose();
            }
        }

        return clock.Elapsed;
    }

    private static (TimeSpan, Simulator) Simulate(byte[][] lines, CompiledPlaybooks playbooks)
    {
        var clock = Stopwatch.StartNew();
        var simulator = new Simulator(playbooks, new SimulationOptions(), _ => { });
        foreach (var line in lines)
        {
            simulator.Add(line, "measure");
        }

        simulator.Finish();
        return (clock.Elapsed, simulator);
    }
}
