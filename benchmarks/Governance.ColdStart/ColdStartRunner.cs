using System.Diagnostics;

namespace Governance.ColdStart;

/// <summary>
/// Milliseconds from process start to the first <c>next</c> and to the first posted response, and the CPU
/// time the bootstrap had used by then (less sensitive than wall time to other load on the machine).
/// </summary>
public sealed record ColdStartSample(double ToFirstNextMs, double ToFirstResponseMs, double CpuMs);

/// <summary>Starts a bootstrap against the loopback Runtime API and times its first invocation.</summary>
public sealed class ColdStartRunner(LoopbackRuntimeApi api, string handlerName, TimeSpan runTimeout)
{
    private int _runs;

    /// <summary>
    /// Starts the bootstrap once and times it. With <paramref name="jitLog"/> the runtime lists every
    /// method it jitted into that file (a load-independent measure; that run's timings are perturbed).
    /// </summary>
    public async Task<ColdStartSample> RunOnceAsync(Build build, CancellationToken cancellationToken, string? jitLog = null)
    {
        var run = api.BeginRun($"{build.Name}-{Interlocked.Increment(ref _runs)}");
        var start = new ProcessStartInfo(build.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(build.Executable)!,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        start.Environment["_HANDLER"] = handlerName;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "governance-audit-trail";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["POWERTOOLS_SERVICE_NAME"] = "governance";
        start.Environment["POWERTOOLS_METRICS_NAMESPACE"] = "Governance";
        // The configuration the function checks at INIT. The payload is a CloudTrail call the router ignores
        // (not a governed service), so nothing reaches AWS and the figure is the runtime's own cost.
        start.Environment["GOVERNANCE_CENTRAL_ACCOUNT"] = "123456789012";
        start.Environment["GOVERNANCE_TABLE"] = "governance-ledger";
        start.Environment["GOVERNANCE_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:governance-notifications";
        start.Environment["AWS_ACCESS_KEY_ID"] = "cold-start";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "cold-start";
        if (jitLog is not null)
        {
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
            start.Environment["DOTNET_JitStdOutFile"] = jitLog;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{build.Executable} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var finished = await Task.WhenAny(run.Result, process.WaitForExitAsync(cancellationToken)).WaitAsync(runTimeout, cancellationToken);
            if (finished != run.Result)
            {
                throw new InvalidOperationException(
                    $"{build.Name}: bootstrap exited with {process.ExitCode} before responding:\n{await output}\n{await errors}");
            }

            var (respondedAt, isError, body) = await run.Result;
            if (isError)
            {
                throw new InvalidOperationException($"{build.Name}: bootstrap posted an error instead of a response: {body}");
            }

            var firstNext = await run.FirstNext;
            process.Refresh();
            return new ColdStartSample(
                Stopwatch.GetElapsedTime(started, firstNext).TotalMilliseconds,
                Stopwatch.GetElapsedTime(started, respondedAt).TotalMilliseconds,
                process.TotalProcessorTime.TotalMilliseconds);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{build.Name}: no response within {runTimeout.TotalSeconds} s", e);
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
}
