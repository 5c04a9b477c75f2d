using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Benchmarks;

/// <summary>
/// The measured run behind the README's figures, without BenchmarkDotNet. The history file is read into memory
/// first (one buffer, as the file's bytes), so every pass times only work on the same lines:
/// two parse baselines (best of three): our envelope parser, and a complete JSON parse of every line with
/// System.Text.Json's JsonDocument; then the full simulator with every shipped playbook, after a warm-up run on
/// the first tenth so the JIT has settled. Ends with the size of every account's serialised state.
/// Environment switches: SIMULATE_ONLY (only the timed replays: for profilers and A/B runs of two builds),
/// PARSE_ONLY (only the parse baselines), MEASURE_ALLOCATIONS (one replay's allocations by type, sampled).
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
        var file = Read(path);
        var lines = Lines(file);
        var skip = Environment.GetEnvironmentVariable("SIMULATE_ONLY") is not null;
        if (Environment.GetEnvironmentVariable("MEASURE_ALLOCATIONS") is not null)
        {
            return Allocations(file, lines, playbooks);
        }

        var envelope = skip ? TimeSpan.FromSeconds(1) : Best(() => ParseEnvelopes(file, lines));
        var document = skip ? TimeSpan.FromSeconds(1) : Best(() => ParseDocuments(file, lines));
        if (Environment.GetEnvironmentVariable("PARSE_ONLY") is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse only: {envelope.TotalSeconds:F2} s envelopes, {document.TotalSeconds:F2} s documents"));
            return 0;
        }
        Simulate(file, lines[..(lines.Length / 10)], playbooks, keepStates: false); // warm-up: JIT
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var faults = MinorFaults();
        var (simulate, adding, simulator, phases) = Simulate(file, lines, playbooks, keepStates: false);
        faults = MinorFaults() - faults;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        (gen0, gen1, gen2, paused) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - paused);
        var stats = simulator.Stats;
        // This machine is shared and noisy: the figure is the best of three runs, like the parse baselines.
        var runs = new List<(TimeSpan Elapsed, TimeSpan Adding, Dictionary<string, TimeSpan> Phases)> { (simulate, adding, phases) };
        runs.AddRange(Enumerable.Range(0, 2).Select(_ => Simulate(file, lines, playbooks, keepStates: false)).Select(r => (r.Elapsed, r.Adding, r.Phases)));
        (simulate, adding, phases) = runs.MinBy(r => r.Elapsed);
        var parts = string.Join(", ", phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value.TotalSeconds:F2} s {p.Key}")));
        var json = skip ? simulate : Enumerable.Range(0, 2).Select(_ => SimulateToJson(file, lines, playbooks)).Min();
        // Untimed: the same replay, every state kept to be measured.
        var kept = skip ? [] : Simulate(file, lines, playbooks, keepStates: true).Simulator.Accounts.Values;
        var sizes = kept.Select(s => AccountStateSerializer.Serialize(s, playbooks).Length).Order().DefaultIfEmpty().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            history:        {path}
            events:         {stats.Events:N0} over {stats.Accounts:N0} accounts ({stats.Duplicates:N0} duplicates; {stats.Actions:N0} actions, {stats.Suppressed:N0} suppressed, {stats.Milestones:N0} milestone and {stats.StageChanges:N0} stage changes, {stats.Timers:N0} timers)
            parse only:     {lines.Length / envelope.TotalSeconds:N0} events/s ({envelope.TotalSeconds:F2} s): event envelopes (EventParser)
                            {lines.Length / document.TotalSeconds:N0} events/s ({document.TotalSeconds:F2} s): every line as a JsonDocument
            simulate:       {stats.Events / simulate.TotalSeconds:N0} events/s ({simulate.TotalSeconds:F2} s; runs: {string.Join(", ", runs.Select(r => r.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} s)
            of which:       {adding.TotalSeconds:F2} s adding the events (envelope parse, account lookup, entry), {(simulate - adding).TotalSeconds:F2} s replaying them (Finish: {parts}), in the best run
            with output:    {stats.Events / json.TotalSeconds:N0} events/s ({json.TotalSeconds:F2} s, best of 2): simulate --format json's work in memory (outcomes recorded on a second thread, sorted into one timeline, their lines made on two threads and written to a null stream)
            ratio:          {simulate.TotalSeconds / envelope.TotalSeconds:F1}x the envelope parse, {simulate.TotalSeconds / document.TotalSeconds:F1}x the JsonDocument parse
            allocated:      {allocated / (double)stats.Events:N0} B per event while simulating
            page faults:    {faults:N0} in the first run (first touches of fresh memory: about 10 us each on this VM)
            simulate GC:    {gen0} gen0, {gen1} gen1, {gen2} gen2 collections, {paused.TotalSeconds:F2} s paused in the first run ({paused / runs[0].Elapsed:P0} of it)
            state/account:  mean {sizes.Average():N0} B, p99 {sizes[(int)(sizes.Count * 0.99)]:N0} B, max {sizes[^1]:N0} B
            """));
        return 0;
    }

    /// <summary>What one replay allocates, by type (sampled): where to look when bytes per event go up.</summary>
    private static int Allocations(byte[] file, Range[] lines, CompiledPlaybooks playbooks)
    {
        Simulate(file, lines[..(lines.Length / 10)], playbooks, keepStates: false); // warm-up: JIT
        using var sampler = new AllocationSampler();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        sampler.Start();
        var (_, _, simulator, _) = Simulate(file, lines, playbooks, keepStates: false);
        sampler.Stop();
        var events = simulator.Stats.Events;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated: {(GC.GetTotalAllocatedBytes(precise: true) - before) / (double)events:N0} B per event; by type (sampled):"));
        foreach (var (type, bytes, share) in sampler.Top(30))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)events,8:N1} B/event {share,6:P1}  {type}"));
        }

        return 0;
    }

    /// <summary>The process's minor page faults so far (Linux; 0 elsewhere).</summary>
    private static long MinorFaults()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat))
        {
            return 0;
        }

        // Field 10 (minflt), counted after the parenthesised command name, which may itself hold spaces.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The whole history in one array on huge pages where Linux offers them, as the command's own blocks are: the
    /// replay reads each account's events scattered over the file, and on 4 KiB pages most of those reads also miss the TLB.
    /// </summary>
    private static byte[] Read(string path)
    {
        using var stream = File.OpenRead(path);
        var file = HugePages.Advise(GC.AllocateUninitializedArray<byte>(checked((int)stream.Length)));
        stream.ReadExactly(file);
        return file;
    }

    /// <summary>Where each non-blank line starts and ends in the file.</summary>
    private static Range[] Lines(byte[] file)
    {
        var lines = new List<Range>();
        var start = 0;
        while (start < file.Length)
        {
            var length = file.AsSpan(start).IndexOf((byte)'\n');
            var end = length < 0 ? file.Length : start + length;
            if (end > start)
            {
                lines.Add(new Range(start, end));
            }

            start = end + 1;
        }

        return [.. lines];
    }

    private static TimeSpan Best(Func<TimeSpan> run)
    {
        run(); // warm-up: JIT
        return Enumerable.Range(0, 3).Select(_ => run()).Min();
    }

    private static TimeSpan ParseEnvelopes(byte[] file, Range[] lines)
    {
        var clock = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            _ = EventParser.TryReadEnvelope(file.AsSpan(line), out _, out _);
        }

        return clock.Elapsed;
    }

    private static TimeSpan ParseDocuments(byte[] file, Range[] lines)
    {
        var clock = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(file.AsMemory(line));
        }

        return clock.Elapsed;
    }

    private static TimeSpan SimulateToJson(byte[] file, Range[] lines, CompiledPlaybooks playbooks)
    {
        var clock = Stopwatch.StartNew();
        using var timeline = new Cli.Timeline();
        using var printer = new Cli.BackgroundSink(timeline.AddJson);
        var simulator = new Simulator(playbooks, new SimulationOptions(), printer.Post);
        foreach (var line in lines)
        {
            simulator.AddShared(file.AsMemory(line), "measure");
        }

        simulator.Finish();
        printer.Complete();
        timeline.WriteTo(Stream.Null);
        return clock.Elapsed;
    }

    private static (TimeSpan Elapsed, TimeSpan Adding, Simulator Simulator, Dictionary<string, TimeSpan> Phases) Simulate(
        byte[] file, Range[] lines, CompiledPlaybooks playbooks, bool keepStates)
    {
        var clock = Stopwatch.StartNew();
        var simulator = new Simulator(playbooks, new SimulationOptions { KeepStates = keepStates }, _ => { });
        foreach (var line in lines)
        {
            simulator.AddShared(file.AsMemory(line), "measure");
        }

        var adding = clock.Elapsed;
        // Finish's parts, summed over its batches (the simulator names them; the clock is read here).
        var phases = new Dictionary<string, TimeSpan>();
        var (current, since) = ((string?)null, adding);
        void Close()
        {
            var now = clock.Elapsed;
            if (current is not null)
            {
                phases[current] = phases.GetValueOrDefault(current) + (now - since);
            }

            since = now;
        }

        simulator.PhaseStarting = name =>
        {
            Close();
            current = name;
        };
        simulator.Finish();
        Close();
        return (clock.Elapsed, adding, simulator, phases);
}
}
