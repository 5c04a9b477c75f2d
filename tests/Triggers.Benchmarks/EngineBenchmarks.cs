using BenchmarkDotNet.Attributes;
using Triggers.Core.Engine;

namespace Triggers.Benchmarks;

/// <summary>Parse-only against the full simulator over the same in-memory history (the sample history by default).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EngineBenchmarks
{
    private byte[][] _lines = [];
    private CompiledPlaybooks _playbooks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("TRIGGERS_BENCH_EVENTS") ?? Path.Combine(Workload.Root, "playbooks", "samples", "events.jsonl");
        _lines = [.. Workload.Lines(path)];
        _playbooks = Workload.Playbooks();
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        var parsed = 0;
        foreach (var line in _lines)
        {
            if (EventParser.TryParse(line, out var e, out _))
            {
                parsed++;
                e!.Dispose();
            }
        }

        return parsed;
    }

    [Benchmark]
    public long Simulate()
    {
        var simulator = new Simulator(_playbooks, new SimulationOptions(), _ => { });
        foreach (var line in _lines)
        {
            simulator.Add(line, "bench");
        }

        simulator.Finish();
        return simulator.Stats.Actions;
    }
}
