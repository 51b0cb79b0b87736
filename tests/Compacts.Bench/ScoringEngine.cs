using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Compacts.Bench;

/// <summary>`--only engine`: the scoring engine alone (<see cref="ScoringBenchmark"/> under BenchmarkDotNet).</summary>
internal static class ScoringEngine
{
    public static void Run()
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableLogFile);
        var report = BenchmarkRunner.Run<ScoringBenchmark>(config);
        var mean = report.Reports.Single().ResultStatistics!.Mean; // ns
        Console.WriteLine($"\n## Scoring engine (BenchmarkDotNet, in-process, short run)\n\n| case | mean | per compact vs 1 ms |\n|---|---:|---:|\n| 100 units × 50 criteria, ranked | {mean / 1000:0.0} µs | {mean / 1_000_000:0.000} |");
    }
}
