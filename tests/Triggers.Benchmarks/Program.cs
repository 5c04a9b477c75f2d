using BenchmarkDotNet.Running;
using Triggers.Benchmarks;

// `measure FILE` is the plain measured run the README quotes; anything else goes to BenchmarkDotNet.
return args is ["measure", var file] ? Measure.Run(file) : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
    return 0;
}
