using System.Globalization;

namespace Governance.Throughput;

/// <summary>What one workload measured.</summary>
/// <param name="PeakRssMiB">VmHWM of the bootstrap after the last event: its peak resident set over the whole run, INIT included.</param>
/// <param name="RssAfterFirstThousandMiB">VmRSS when the 1,000th event was answered (null for shorter runs).</param>
public sealed record WorkloadResult(
    Workload Workload,
    int Completed,
    int Errors,
    TimeSpan Elapsed,
    double P50Ms,
    double P99Ms,
    TimeSpan Cpu,
    double PeakRssMiB,
    double? RssAfterFirstThousandMiB,
    double FinalRssMiB,
    long LogLines,
    long ErrorLogLines,
    string? FirstError)
{
    public double EventsPerSecond => Completed / Elapsed.TotalSeconds;
}

/// <summary>Starts one bootstrap for a workload, serves it every event, and reads its memory before stopping it.</summary>
public sealed class WorkloadRunner(RuntimeApiServer runtimeApi, string bootstrap, IReadOnlyDictionary<string, string> environment, TextWriter progress)
{
    public async Task<WorkloadResult> RunAsync(Workload workload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var functionName = "governance-" + workload.Handler;
        var variables = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["_HANDLER"] = workload.Handler,
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.HostAndPort,
            ["AWS_LAMBDA_FUNCTION_NAME"] = functionName,
        };
        BootstrapProcess? process = null;
        double? afterThousand = null;
        var batch = runtimeApi.Serve(workload.Events, $"arn:aws:lambda:us-east-1:123456789012:function:{functionName}", completed =>
        {
            if (completed == 1000)
            {
                afterThousand = process?.MemoryMiB("VmRSS");
            }

            if (completed % ProgressEvery(workload.Events.Count) == 0)
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {workload.Name}: {completed}/{workload.Events.Count}"));
            }
        });

        await using (process = BootstrapProcess.Start(bootstrap, variables))
        {
            var exited = WaitForExitAsync(process, cancellationToken);
            var finished = await Task.WhenAny(batch.Done, exited).WaitAsync(timeout, cancellationToken);
            if (finished != batch.Done)
            {
                throw new InvalidOperationException($"{workload.Name}: {await process.ExitReportAsync()}");
            }

            await batch.Done;
            var peak = process.MemoryMiB("VmHWM") ?? double.NaN;
            var final = process.MemoryMiB("VmRSS") ?? double.NaN;
            var cpu = process.CpuTime();
            var latencies = batch.Latencies();
            Array.Sort(latencies);
            return new WorkloadResult(
                workload, batch.Completed, batch.Errors, batch.Elapsed,
                Percentile(latencies, 50), Percentile(latencies, 99),
                cpu, peak, afterThousand, final, process.LogLines, process.ErrorLogLines, batch.FirstError);
        }
    }

    private static int ProgressEvery(int events) => events >= 5000 ? 1000 : 100;

    private static async Task WaitForExitAsync(BootstrapProcess process, CancellationToken cancellationToken)
    {
        while (!process.HasExited)
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    private static double Percentile(double[] sorted, int percentile) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
