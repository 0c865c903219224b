using System.Globalization;
using Governance.ColdStart;

// Cold-start harness for the bootstrap: see README section "Cold start" or run with --help.
const int HarnessFailure = 1;
const string Usage = """
    governance-coldstart [--runs N] [--handler NAME|all] [--r2r DIR] [--jit DIR] [--payload FILE] [--out DIR]
      Publishes the bootstrap as deployed (self-contained, trimmed, ReadyToRun composite, linux-x64) and
      framework-dependent JIT-only, unless --r2r / --jit give already published folders. For each function
      (--handler, default all) starts each build N times (default 12, interleaved, after one untimed warm-up
      each) against a loopback Runtime API with the function's INIT environment and one event it answers
      without calling AWS (--payload replaces it for a single handler), and prints process start -> first
      next, -> first response posted, CPU time, and peak RSS (VmHWM) after the first response. The methods
      each build jitted in its warm-up run are listed under <out>/jitted/.
      Exits 1 on a harness failure (publish failed, bootstrap crashed, posted an error or answered something
      unexpected), not on a missed target.
    """;

var settings = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine(Usage);
        return HarnessFailure;
    }

    settings[args[i][2..]] = args[++i];
}

var runs = int.Parse(settings.GetValueOrDefault("runs", "12"), CultureInfo.InvariantCulture);
if (runs < 10)
{
    Console.Error.WriteLine("--runs must be at least 10");
    return HarnessFailure;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var scenarios = HandlerScenario.Select(settings.GetValueOrDefault("handler", "all"));
    if (settings.ContainsKey("payload") && scenarios.Count != 1)
    {
        throw new InvalidOperationException("--payload needs a single --handler");
    }

    var payloads = new Dictionary<string, byte[]>(StringComparer.Ordinal);
    foreach (var scenario in scenarios)
    {
        var path = settings.GetValueOrDefault("payload", Path.Combine(AppContext.BaseDirectory, "Payloads", scenario.Payload));
        payloads[scenario.Handler] = await File.ReadAllBytesAsync(path, cancellation.Token);
    }

    var root = RepositoryRoot();
    var outputRoot = settings.GetValueOrDefault("out", Path.Combine(root, "artifacts", "coldstart"));
    var deployed = settings.TryGetValue("r2r", out var r2rDirectory)
        ? new Build(Publisher.DeployedName, Publisher.DeployedDescription, Path.Combine(r2rDirectory, "bootstrap"))
        : await Publisher.PublishDeployedAsync(root, outputRoot, cancellation.Token);
    var jit = settings.TryGetValue("jit", out var jitDirectory)
        ? new Build(Publisher.JitName, Publisher.JitDescription, Path.Combine(jitDirectory, "bootstrap"))
        : await Publisher.PublishJitAsync(root, outputRoot, cancellation.Token);

    await using var api = await LoopbackRuntimeApi.StartAsync();
    var runner = new ColdStartRunner(api, TimeSpan.FromSeconds(30));
    var builds = new[] { deployed, jit };
    var results = new Results(builds, scenarios);

    // The untimed warm-up run of each build and function (file cache) also lists the methods it jits, kept
    // under <out>/jitted/ to see what ReadyToRun code is missing.
    var jitLogs = Directory.CreateDirectory(Path.Combine(outputRoot, "jitted")).FullName;
    foreach (var scenario in scenarios)
    {
        foreach (var build in builds)
        {
            var jitLog = Path.Combine(jitLogs, $"{build.Name}-{scenario.Handler}.txt");
            File.Delete(jitLog);
            await runner.RunOnceAsync(build, scenario, payloads[scenario.Handler], cancellation.Token, jitLog);
            results.SetJitted(build, scenario, File.Exists(jitLog) ? File.ReadLines(jitLog).Count(line => line.Contains("JIT compiled", StringComparison.Ordinal)) : -1);
        }
    }

    for (var run = 0; run < runs; run++)
    {
        foreach (var scenario in scenarios)
        {
            foreach (var build in builds)
            {
                results.Add(build, scenario, await runner.RunOnceAsync(build, scenario, payloads[scenario.Handler], cancellation.Token));
            }
        }
    }

    Report.Print(results, runs);
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
{
    Console.Error.WriteLine($"cold-start harness failed: {e.Message}");
    return HarnessFailure;
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GovernanceService.sln")))
            {
                return directory.FullName;
            }
        }
    }

    throw new InvalidOperationException("GovernanceService.sln not found above the current or the harness directory");
}
