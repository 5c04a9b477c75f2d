using BenchmarkDotNet.Attributes;
using Triggers.Core.Engine;

namespace Triggers.Benchmarks;

/// <summary>
/// Parsing the JSON lines only (the floor) against the full simulator with every shipped playbook, over the same
/// generated history held in memory. Allocations are reported per run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EngineBenchmarks
{
    private byte[][] _lines = [];
    private CompiledPlaybooks _playbooks = null!;

    /// <summary>History size in events (ten per account, six months).</summary>
    [Params(100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lines = Workload.Generated(Events);
        _playbooks = Workload.Playbooks(Environment.GetEnvironmentVariable("TRIGGERS_PLAYBOOKS"));
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
