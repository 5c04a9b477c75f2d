using BenchmarkDotNet.Running;
using Triggers.Benchmarks;

// `measure FILE [PLAYBOOKS]` is the plain measured run the README quotes; anything else goes to BenchmarkDotNet.
return args switch
{
    ["measure", var file] => Measure.Run(file, null),
    ["measure", var file, var playbooks] => Measure.Run(file, playbooks),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
    return 0;
}
