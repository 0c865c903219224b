using System.Diagnostics;
using System.Text;
using Governance.Local.Lambda;

namespace Governance.ColdStart;

/// <summary>
/// One cold start: milliseconds from process start to the first <c>next</c> (INIT) and to the first posted
/// response, the handler's share (first <c>next</c> to response), the CPU time the process had used by then (less
/// sensitive than wall time to other load on the machine), and its peak resident set (VmHWM) once it had answered
/// and asked for the next event.
/// </summary>
public sealed record ColdStartSample(double ToFirstNextMs, double ToFirstResponseMs, double CpuMs, double PeakRssMb)
{
    public double HandlerMs => ToFirstResponseMs - ToFirstNextMs;
}

/// <summary>Starts a program against a fresh loopback Runtime API and times its first invocation.</summary>
public sealed class ColdStartRunner(TimeSpan runTimeout)
{
    private int _runs;

    /// <summary>Starts <paramref name="build"/> once as <paramref name="function"/> with <paramref name="environment"/> and times it.</summary>
    /// <returns>The sample and the response body.</returns>
    /// <exception cref="InvalidOperationException">The process crashed, posted an error, or answered without <paramref name="expected"/>.</exception>
    public async Task<(ColdStartSample Sample, string Response)> RunOnceAsync(
        Build build, string function, IReadOnlyDictionary<string, string> environment, byte[] payload, string expected, CancellationToken cancellationToken)
    {
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var requestId = $"{build.Name}-{function}-{Interlocked.Increment(ref _runs)}";
        api.Enqueue(new LoopbackInvocation(requestId, payload, DateTimeOffset.UtcNow.AddMinutes(5), $"arn:aws:lambda:us-east-1:123456789012:function:{function}",
            "Root=1-67ab1234-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0"));
        var start = new ProcessStartInfo(build.FileName, build.Arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = build.WorkingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = function;
        var label = $"{build.Name} {function}";
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{build.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var result = api.ResultAsync(requestId, runTimeout);
            var finished = await Task.WhenAny(result, api.InitErrorAsync(runTimeout), process.WaitForExitAsync(cancellationToken));
            if (finished != result)
            {
                throw new InvalidOperationException($"{label}: no response (init error posted: {api.InitErrorPosted}, exited: {process.HasExited}):\n{Tail(await ReadSoonAsync(output))}\n{Tail(await ReadSoonAsync(errors))}");
            }

            var posted = await result;
            var body = Encoding.UTF8.GetString(posted.Body);
            if (posted.Kind == ResultKind.Error || !body.Contains(expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{label}: expected a response with {expected}, got {posted.Kind}: {body}");
            }

            // It asks for its next event right after responding: INIT and the first invocation have allocated everything they will.
            await api.NextRequestsAsync(2, runTimeout);
            var peak = ProcessMemory.PeakResidentBytes(process.Id) ?? throw new InvalidOperationException($"{label}: exited before its memory was read");
            process.Refresh();
            var sample = new ColdStartSample(
                Stopwatch.GetElapsedTime(started, api.FirstNextTimestamp).TotalMilliseconds,
                Stopwatch.GetElapsedTime(started, posted.ReceivedTimestamp).TotalMilliseconds,
                process.TotalProcessorTime.TotalMilliseconds,
                peak / 1e6);
            return (sample, body);
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

    private static async Task<string> ReadSoonAsync(Task<string> stream)
    {
        try
        {
            return await stream.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            return "(still running)";
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
