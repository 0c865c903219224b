using System.Diagnostics;
using System.Globalization;
using Governance.Hosting;

namespace Governance.Benchmarks.Handlers;

/// <summary>
/// The same per-event measurement as <see cref="HandlerBenchmarks"/> without BenchmarkDotNet's process per case:
/// each event on a new world, timed alone with its allocations counted (this thread's, exactly). Quick, and a
/// check that every case reaches its outcome.
/// </summary>
public static class HandlerProbe
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Contains("--help"))
        {
            output.WriteLine("handlers [--events N (default 2000)] [--warmup N (default 200)] [--case NAME]...");
            output.WriteLine("  cases: " + string.Join(", ", HandlerCase.All.Select(candidate => candidate.Name)));
            return 0;
        }

        var events = Option(args, "--events", 2000);
        var warmup = Option(args, "--warmup", 200);
        var named = args.Select((value, index) => (value, index)).Where(pair => pair.index > 0 && args[pair.index - 1] == "--case").Select(pair => pair.value).ToList();
        var cases = named.Count == 0 ? HandlerCase.All : [.. named.Select(HandlerCase.Named)];

        output.WriteLine($"per-event cost, {events} events per case after {warmup} warm-up events, each on a new in-memory world");
        output.WriteLine($"{"case",-42} {"mean µs",9} {"p50 µs",9} {"p99 µs",9} {"max µs",9} {"alloc KB",9} {"log B",7} {"resp B",7}  outcome");
        foreach (var handlerCase in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var payload = handlerCase.ReadEvent();
            var sink = new NullLineWriter();
            var micros = new double[events];
            long allocated = 0;
            long logged = 0;
            var responseBytes = 0;
            var outcome = string.Empty;
            for (var i = -warmup; i < events; i++)
            {
                var world = await HandlerWorld.CreateAsync(handlerCase.Stage, sink);
                var function = world.Function(handlerCase.Handler);
                var context = HandlerWorld.Context(handlerCase.Handler);
                var bytesBefore = sink.Bytes;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                ReadOnlyMemory<byte> response;
                using (LocalInvocation.Begin(context))
                {
                    response = await function.HandleAsync(payload, context, cancellationToken);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                var allocatedAfter = GC.GetAllocatedBytesForCurrentThread();
                if (i < 0)
                {
                    HandlerOutcome.Require(handlerCase, response);
                    outcome = HandlerOutcome.Of(handlerCase, response);
                    responseBytes = response.Length;
                    continue;
                }

                micros[i] = elapsed.TotalMicroseconds;
                allocated += allocatedAfter - allocatedBefore;
                logged += sink.Bytes - bytesBefore;
            }

            Array.Sort(micros);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{handlerCase.Name,-42} {micros.Average(),9:F1} {Percentile(micros, 50),9:F1} {Percentile(micros, 99),9:F1} {micros[^1],9:F1} {allocated / 1024.0 / events,9:F1} {logged / events,7} {responseBytes,7}  {outcome}"));
        }

        return 0;
    }

    private static double Percentile(double[] sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
