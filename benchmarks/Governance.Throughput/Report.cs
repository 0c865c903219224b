using System.Globalization;

namespace Governance.Throughput;

/// <summary>The table of figures, and what each row means.</summary>
public static class Report
{
    public static void Write(TextWriter output, IReadOnlyList<WorkloadResult> results, string bootstrap)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine();
        output.WriteLine($"bootstrap: {bootstrap}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        output.WriteLine();
        output.WriteLine($"| {"workload",-16} | {"handler",-17} | {"events",6} | {"errors",6} | {"seconds",7} | {"events/s",8} | {"p50 ms",6} | {"p99 ms",7} | {"CPU s",6} | {"peak RSS MiB",12} | {"RSS@1k MiB",10} | {"RSS end MiB",11} |");
        output.WriteLine($"|{new string('-', 18)}|{new string('-', 19)}|{new string('-', 8)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 8)}|{new string('-', 14)}|{new string('-', 12)}|{new string('-', 13)}|");
        foreach (var result in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Workload.Name,-16} | {result.Workload.Handler,-17} | {result.Completed,6} | {result.Errors,6} | {result.Elapsed.TotalSeconds,7:F1} | {result.EventsPerSecond,8:F1} | {result.P50Ms,6:F1} | {result.P99Ms,7:F1} | {result.Cpu.TotalSeconds,6:F1} | {result.PeakRssMiB,12:F1} | {Optional(result.RssAfterFirstThousandMiB),10} | {result.FinalRssMiB,11:F1} |"));
        }

        output.WriteLine();
        output.WriteLine("events/s: events answered / seconds from the first event handed out to the last answer (one bootstrap, one event at a time, as Lambda runs it).");
        output.WriteLine("p50/p99 ms: from the Runtime API answering `next` to the bootstrap posting the response (handler + AWS calls + logging).");
        output.WriteLine("peak RSS: VmHWM of the bootstrap process after its last event (INIT included); RSS@1k / end: VmRSS after 1,000 events / at the end.");
        foreach (var result in results)
        {
            output.WriteLine($"{result.Workload.Name}: {result.Workload.Meaning}.");
            if (result.FirstError is not null)
            {
                output.WriteLine($"  first error: {result.FirstError}");
            }

            if (result.ErrorLogLines > 0)
            {
                output.WriteLine($"  {result.ErrorLogLines} ERROR log lines of {result.LogLines}");
            }
        }
    }

    private static string Optional(double? value) => value is { } number ? number.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
