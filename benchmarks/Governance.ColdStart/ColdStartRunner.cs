using System.Diagnostics;
using System.Globalization;

namespace Governance.ColdStart;

/// <summary>
/// Milliseconds from process start to the first <c>next</c> and to the first posted response, the CPU time the
/// bootstrap had used by then (less sensitive than wall time to other load on the machine), and its peak
/// resident set (VmHWM) once it had answered and asked for the next event.
/// </summary>
public sealed record ColdStartSample(double ToFirstNextMs, double ToFirstResponseMs, double CpuMs, double PeakRssMb);

/// <summary>Starts a bootstrap against the loopback Runtime API and times its first invocation.</summary>
public sealed class ColdStartRunner(LoopbackRuntimeApi api, TimeSpan runTimeout)
{
    private int _runs;

    /// <summary>
    /// Starts the bootstrap once as <paramref name="scenario"/>'s function and times it. With
    /// <paramref name="jitLog"/> the runtime lists every method it jitted into that file (a load-independent
    /// measure; that run's timings are perturbed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The bootstrap crashed, posted an error, or answered something else.</exception>
    public async Task<ColdStartSample> RunOnceAsync(Build build, HandlerScenario scenario, byte[] payload, CancellationToken cancellationToken, string? jitLog = null)
    {
        var functionArn = $"arn:aws:lambda:us-east-1:123456789012:function:{scenario.FunctionName}";
        var run = api.BeginRun($"{build.Name}-{scenario.Handler}-{Interlocked.Increment(ref _runs)}", payload, functionArn);
        var start = new ProcessStartInfo(build.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(build.Executable)!,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        start.Environment["_HANDLER"] = scenario.Handler;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = scenario.FunctionName;
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["POWERTOOLS_SERVICE_NAME"] = "governance";
        start.Environment["POWERTOOLS_METRICS_NAMESPACE"] = "Governance";
        start.Environment["AWS_ACCESS_KEY_ID"] = "cold-start";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "cold-start";
        foreach (var (name, value) in scenario.Environment)
        {
            start.Environment[name] = value;
        }

        if (jitLog is not null)
        {
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
            start.Environment["DOTNET_JitStdOutFile"] = jitLog;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{build.Executable} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var label = $"{build.Name} {scenario.Handler}";
        try
        {
            var finished = await Task.WhenAny(run.Result, process.WaitForExitAsync(cancellationToken)).WaitAsync(runTimeout, cancellationToken);
            if (finished != run.Result)
            {
                throw new InvalidOperationException(
                    $"{label}: bootstrap exited with {process.ExitCode} before responding:\n{await output}\n{await errors}");
            }

            var (respondedAt, isError, body) = await run.Result;
            if (isError)
            {
                throw new InvalidOperationException($"{label}: bootstrap posted an error instead of a response: {body}");
            }

            if (!body.Contains(scenario.ExpectedInResponse, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{label}: expected {scenario.ExpectedInResponse} in the response, got: {body}");
            }

            var firstNext = await run.FirstNext;
            // The bootstrap asks for its next event right after responding; by then INIT and the first
            // invocation have allocated everything they will.
            await run.SecondNext.WaitAsync(runTimeout, cancellationToken);
            var peakRss = PeakResidentMegabytes(process.Id);
            process.Refresh();
            return new ColdStartSample(
                Stopwatch.GetElapsedTime(started, firstNext).TotalMilliseconds,
                Stopwatch.GetElapsedTime(started, respondedAt).TotalMilliseconds,
                process.TotalProcessorTime.TotalMilliseconds,
                peakRss);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{label}: no response within {runTimeout.TotalSeconds} s", e);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>VmHWM from /proc/PID/status: the most resident memory the process has had.</summary>
    private static double PeakResidentMegabytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmHWM line");
    }
}
