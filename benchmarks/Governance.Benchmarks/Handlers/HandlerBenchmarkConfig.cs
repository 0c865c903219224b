using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Governance.Benchmarks.Handlers;

/// <summary>
/// One invocation per iteration (each on a new world, built in IterationSetup and not timed), 1,000 measured
/// iterations: the statistics are then over single events, so P99 is the per-event 99th percentile, garbage
/// collections included. BenchmarkDotNet warns that such short iterations are imprecise; at tens of
/// microseconds per event the timer's resolution (nanoseconds) is not the limit, the machine's noise is.
/// </summary>
public sealed class HandlerBenchmarkConfig : ManualConfig
{
    public const int MeasuredEvents = 1000;

    public HandlerBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(100)
            .WithIterationCount(MeasuredEvents)
            .WithId("PerEvent"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
        WithOptions(ConfigOptions.DisableLogFile);
    }
}
