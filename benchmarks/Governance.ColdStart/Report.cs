using System.Globalization;

namespace Governance.ColdStart;

/// <summary>The tables the README quotes, and the targets.</summary>
public static class Report
{
    private const double FirstResponseTargetMs = 150;
    private const double RatioTarget = 0.5;

    private static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? File.ReadAllText(LoadFile).Split(' ')[0] : "n/a";
    }

    public static void Print(Results results, int runs)
    {
        var deployed = results.Builds[0];
        var jit = results.Builds[1];
        Line($"Cold start, {runs} runs per build and function, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        foreach (var build in results.Builds)
        {
            Line($"  {build.Name}: {build.Description} ({build.Executable})");
        }

        Console.WriteLine();
        Console.WriteLine("| function | build | first next, ms: median | p90 | first response, ms: median | p90 | min | max | CPU to response, ms: median | peak RSS, MB: median | max | methods jitted |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in results.Scenarios)
        {
            foreach (var build in results.Builds)
            {
                var samples = results.Samples(build, scenario);
                var next = Statistics.Of([.. samples.Select(sample => sample.ToFirstNextMs)]);
                var response = Statistics.Of([.. samples.Select(sample => sample.ToFirstResponseMs)]);
                var cpu = Statistics.Of([.. samples.Select(sample => sample.CpuMs)]);
                var rss = Statistics.Of([.. samples.Select(sample => sample.PeakRssMb)]);
                Line($"| {scenario.Handler} | {build.Name} | {next.Median,6:0.0} | {next.P90,6:0.0} | {response} | {cpu.Median,6:0.0} | {rss.Median,5:0.0} | {rss.Max,5:0.0} | {results.Jitted(build, scenario)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Targets: {deployed.Name} median to first response <= {FirstResponseTargetMs} ms; {deployed.Name} / {jit.Name} <= {RatioTarget}.");
        Console.WriteLine();
        Console.WriteLine($"| function | event (answered without AWS) | {deployed.Name} first response median, ms | target | {deployed.Name} / {jit.Name} | target |");
        Console.WriteLine("|---|---|---:|---|---:|---|");
        foreach (var scenario in results.Scenarios)
        {
            var median = Statistics.Of([.. results.Samples(deployed, scenario).Select(sample => sample.ToFirstResponseMs)]).Median;
            var ratio = median / Statistics.Of([.. results.Samples(jit, scenario).Select(sample => sample.ToFirstResponseMs)]).Median;
            Line($"| {scenario.Handler} | {scenario.Why} | {median:0.0} | {Verdict(median <= FirstResponseTargetMs)} | {ratio:0.00} | {Verdict(ratio <= RatioTarget)} |");
        }
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
