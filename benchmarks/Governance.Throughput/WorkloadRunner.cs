using System.Diagnostics;
using System.Globalization;
using Governance.Local.Lambda;

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

/// <summary>
/// Starts one bootstrap for a workload against its own loopback Runtime API and serves it every event, one at a
/// time as Lambda does (the next event is queued while the bootstrap works on the current one), then reads its
/// memory before stopping it.
/// </summary>
public sealed class WorkloadRunner(string bootstrap, IReadOnlyDictionary<string, string> environment, TextWriter progress)
{
    public async Task<WorkloadResult> RunAsync(Workload workload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var functionName = "governance-" + workload.Handler;
        var functionArn = $"arn:aws:lambda:us-east-1:123456789012:function:{functionName}";
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var variables = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["_HANDLER"] = workload.Handler,
            ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
            ["AWS_LAMBDA_FUNCTION_NAME"] = functionName,
        };
        var events = workload.Events;
        void Enqueue(int index)
        {
            if (index < events.Count)
            {
                api.Enqueue(new LoopbackInvocation(RequestId(index), events[index], DateTimeOffset.UtcNow.AddMinutes(1), functionArn,
                    "Root=1-67ab1234-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0"));
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await using var process = BootstrapProcess.Start(bootstrap, variables);
        var exited = WaitForExitAsync(process, deadline.Token);
        var initError = api.InitErrorAsync(Timeout.InfiniteTimeSpan);
        var latencies = new double[events.Count];
        var errors = 0;
        string? firstError = null;
        double? afterThousand = null;
        long firstHandedOut = 0;
        long lastReceived = 0;
        Enqueue(0);
        for (var index = 0; index < events.Count; index++)
        {
            Enqueue(index + 1);
            var result = api.ResultAsync(RequestId(index), Timeout.InfiniteTimeSpan).WaitAsync(deadline.Token);
            if (await Task.WhenAny(result, exited, initError) != result)
            {
                throw new InvalidOperationException(initError.IsCompleted
                    ? $"{workload.Name}: the bootstrap failed its INIT: {System.Text.Encoding.UTF8.GetString((await initError).Body)}"
                    : $"{workload.Name}: {await process.ExitReportAsync()}");
            }

            var posted = await result;
            latencies[index] = posted.SinceHandedOut.TotalMilliseconds;
            firstHandedOut = index == 0 ? posted.HandedOutTimestamp : firstHandedOut;
            lastReceived = posted.ReceivedTimestamp;
            if (posted.Kind == ResultKind.Error)
            {
                errors++;
                firstError ??= System.Text.Encoding.UTF8.GetString(posted.Body);
            }

            var completed = index + 1;
            afterThousand = completed == 1000 ? process.ResidentMiB() : afterThousand;
            if (completed % ProgressEvery(events.Count) == 0)
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {workload.Name}: {completed}/{events.Count}"));
            }
        }

        var peak = process.PeakResidentMiB() ?? double.NaN;
        var final = process.ResidentMiB() ?? double.NaN;
        var cpu = process.CpuTime();
        Array.Sort(latencies);
        return new WorkloadResult(
            workload, events.Count, errors, Stopwatch.GetElapsedTime(firstHandedOut, lastReceived),
            Percentile(latencies, 50), Percentile(latencies, 99),
            cpu, peak, afterThousand, final, process.LogLines, process.ErrorLogLines, firstError);
    }

    private static string RequestId(int index) => "req-" + index.ToString("D6", CultureInfo.InvariantCulture);

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
