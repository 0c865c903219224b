using System.Globalization;

namespace Governance.ColdStart;

/// <summary>The table the README quotes, and the two targets.</summary>
public static class Report
{
    private const double FirstResponseTargetMs = 150;
    private const double RatioTarget = 0.5;

    private static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? File.ReadAllText(LoadFile).Split(' ')[0] : "n/a";
    }

    public static void Print(
        IReadOnlyList<Build> builds,
        IReadOnlyDictionary<string, List<ColdStartSample>> samples,
        IReadOnlyDictionary<string, int> jitted,
        int runs,
        string payloadPath)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Cold start, {runs} runs per build, _HANDLER=AuditTrail, payload {Path.GetFileName(payloadPath)}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| build | to first next, ms: median | p90 | min | max | to first response, ms: median | p90 | min | max | CPU to response, ms: median | methods jitted |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var firstResponse = new Dictionary<string, Statistics>(StringComparer.Ordinal);
        foreach (var build in builds)
        {
            var next = Statistics.Of([.. samples[build.Name].Select(sample => sample.ToFirstNextMs)]);
            var response = Statistics.Of([.. samples[build.Name].Select(sample => sample.ToFirstResponseMs)]);
            var cpu = Statistics.Of([.. samples[build.Name].Select(sample => sample.CpuMs)]);
            firstResponse[build.Name] = response;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {build.Name} ({build.Description}) | {next} | {response} | {cpu.Median,6:0.0} | {jitted[build.Name]} |"));
        }

        var r2r = firstResponse["r2r"].Median;
        var ratio = r2r / firstResponse["jit"].Median;
        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"R2R median to first response: {r2r:0.0} ms (target <= {FirstResponseTargetMs} ms: {(r2r <= FirstResponseTargetMs ? "met" : "MISSED")})"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"R2R / JIT median to first response: {ratio:0.00} (target <= {RatioTarget}: {(ratio <= RatioTarget ? "met" : "MISSED")})"));
    }
}
