using System.Globalization;

namespace Governance.ColdStart;

/// <summary>The tables the README quotes, and each figure against its target.</summary>
public static class Report
{
    private const double FirstResponseTargetMs = 50;
    private const double ReadyToRunRatioTarget = 0.3;
    private const double PythonRatioTarget = 0.1;
    private const double PeakRssTargetMb = 32;

    public static void Print(Results results, int runs, int realRuns)
    {
        var aot = results.Builds.Single(build => build.Name == Build.Aot);
        var r2r = results.Builds.Single(build => build.Name == Build.ReadyToRun);
        var python = results.Builds.Single(build => build.Name == Build.Python);
        Line($"Cold start: {runs} runs per build and function (ignore path), {realRuns} rounds (real work); builds interleaved; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        foreach (var build in results.Builds)
        {
            Line($"  {build.Name}: {build.Description} ({build.FileName} {string.Join(' ', build.Arguments)})");
        }

        Console.WriteLine();
        Console.WriteLine("Ignore path (each function's INIT, then an event it answers without calling AWS):");
        Console.WriteLine();
        Console.WriteLine("| function | build | first next, ms: median | p90 | first response, ms: median | p90 | CPU to response, ms: median | peak RSS, MB: median | max |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in results.Scenarios)
        {
            foreach (var build in results.Builds)
            {
                Row(results.Samples(CaseKind.IgnorePath, build, scenario), scenario, build);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Ratios, computed run by run (each round starts the three back to back), then the median and p90 over the rounds:");
        Console.WriteLine();
        Console.WriteLine("| function | first response aot/r2r: median | p90 | aot/python: median | p90 | CPU aot/r2r | CPU aot/python | peak RSS aot/r2r | aot/python |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in results.Scenarios)
        {
            var toR2r = results.Ratio(CaseKind.IgnorePath, aot, r2r, scenario, sample => sample.ToFirstResponseMs);
            var toPython = results.Ratio(CaseKind.IgnorePath, aot, python, scenario, sample => sample.ToFirstResponseMs);
            var cpuR2r = results.Ratio(CaseKind.IgnorePath, aot, r2r, scenario, sample => sample.CpuMs);
            var cpuPython = results.Ratio(CaseKind.IgnorePath, aot, python, scenario, sample => sample.CpuMs);
            var rssR2r = results.Ratio(CaseKind.IgnorePath, aot, r2r, scenario, sample => sample.PeakRssMb);
            var rssPython = results.Ratio(CaseKind.IgnorePath, aot, python, scenario, sample => sample.PeakRssMb);
            Line($"| {scenario.Handler} | {toR2r.Median:0.000} | {toR2r.P90:0.000} | {toPython.Median:0.000} | {toPython.P90:0.000} | {cpuR2r.Median:0.000} | {cpuPython.Median:0.000} | {rssR2r.Median:0.00} | {rssPython.Median:0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Targets (aot): first response median <= {FirstResponseTargetMs} ms; aot/r2r <= {ReadyToRunRatioTarget}; aot/python <= {PythonRatioTarget} (medians of the run-by-run ratios); peak RSS <= {PeakRssTargetMb} MB.");
        Console.WriteLine();
        Console.WriteLine("| function | event (answered without AWS) | first response, ms | vs target | aot/r2r | vs target | aot/python | vs target | peak RSS, MB | vs target |");
        Console.WriteLine("|---|---|---:|---|---:|---|---:|---|---:|---|");
        foreach (var scenario in results.Scenarios)
        {
            var samples = results.Samples(CaseKind.IgnorePath, aot, scenario);
            var median = Statistics.Of([.. samples.Select(sample => sample.ToFirstResponseMs)]).Median;
            var rss = Statistics.Of([.. samples.Select(sample => sample.PeakRssMb)]).Median;
            var toR2r = results.Ratio(CaseKind.IgnorePath, aot, r2r, scenario, sample => sample.ToFirstResponseMs).Median;
            var toPython = results.Ratio(CaseKind.IgnorePath, aot, python, scenario, sample => sample.ToFirstResponseMs).Median;
            Line($"| {scenario.Handler} | {scenario.Why} | {median:0.0} | {Verdict(median, FirstResponseTargetMs)} | {toR2r:0.000} | {Verdict(toR2r, ReadyToRunRatioTarget)} | {toPython:0.000} | {Verdict(toPython, PythonRatioTarget)} | {rss:0.0} | {Verdict(rss, PeakRssTargetMb)} |");
        }

        if (!results.Scenarios.Any(scenario => results.Has(CaseKind.RealWork, aot, scenario)))
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Real work (each function's INIT, then a first event that calls AWS through the adapters, against moto_server on this machine):");
        Console.WriteLine();
        Console.WriteLine("| function | build | INIT (first next), ms: median | p90 | handler (next to response), ms: median | p90 | first response, ms: median | p90 | CPU, ms | peak RSS, MB | first response aot/r2r |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in results.Scenarios)
        {
            foreach (var build in new[] { aot, r2r })
            {
                var samples = results.Samples(CaseKind.RealWork, build, scenario);
                var init = Statistics.Of([.. samples.Select(sample => sample.ToFirstNextMs)]);
                var handler = Statistics.Of([.. samples.Select(sample => sample.HandlerMs)]);
                var response = Statistics.Of([.. samples.Select(sample => sample.ToFirstResponseMs)]);
                var cpu = Statistics.Of([.. samples.Select(sample => sample.CpuMs)]);
                var rss = Statistics.Of([.. samples.Select(sample => sample.PeakRssMb)]);
                var ratio = build == aot ? results.Ratio(CaseKind.RealWork, aot, r2r, scenario, sample => sample.ToFirstResponseMs).Median.ToString("0.000", CultureInfo.InvariantCulture) : "";
                Line($"| {scenario.Handler} | {build.Name} | {init.Median:0.0} | {init.P90:0.0} | {handler.Median:0.0} | {handler.P90:0.0} | {response.Median:0.0} | {response.P90:0.0} | {cpu.Median:0.0} | {rss.Median:0.0} | {ratio} |");
            }
        }

        Console.WriteLine();
        foreach (var scenario in results.Scenarios)
        {
            Line($"  {scenario.Handler}: {scenario.RealWork}");
        }
    }

    private static void Row(IReadOnlyList<ColdStartSample> samples, HandlerScenario scenario, Build build)
    {
        var next = Statistics.Of([.. samples.Select(sample => sample.ToFirstNextMs)]);
        var response = Statistics.Of([.. samples.Select(sample => sample.ToFirstResponseMs)]);
        var cpu = Statistics.Of([.. samples.Select(sample => sample.CpuMs)]);
        var rss = Statistics.Of([.. samples.Select(sample => sample.PeakRssMb)]);
        Line($"| {scenario.Handler} | {build.Name} | {next.Median:0.0} | {next.P90:0.0} | {response.Median:0.0} | {response.P90:0.0} | {cpu.Median:0.0} | {rss.Median:0.0} | {rss.Max:0.0} |");
    }

    /// <summary>"met", or "MISSED by" the excess as a share of the target.</summary>
    private static string Verdict(double value, double target) =>
        value <= target ? "met" : string.Create(CultureInfo.InvariantCulture, $"MISSED by {(value - target) / target:P0}");

    private static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? string.Join(' ', File.ReadAllText(LoadFile).Split(' ').Take(3)) : "n/a";
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
