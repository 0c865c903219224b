using System.Globalization;
using Governance.ColdStart;

// Cold-start harness for the bootstrap: see README section "Cold start" or run with --help.
const int HarnessFailure = 1;
const string Usage = """
    governance-coldstart [--runs N] [--r2r DIR] [--jit DIR] [--payload FILE] [--handler NAME] [--out DIR]
      Publishes the bootstrap self-contained ReadyToRun (linux-x64) and framework-dependent JIT-only,
      unless --r2r / --jit give already published folders; starts each N times (default 15, interleaved,
      after one untimed warm-up each) against a loopback Runtime API with _HANDLER=AuditTrail and one
      event, and prints process start -> first next, and -> first response posted.
      Exits 1 on a harness failure (publish failed, bootstrap crashed or posted an error), not on a missed target.
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

var runs = int.Parse(settings.GetValueOrDefault("runs", "15"), CultureInfo.InvariantCulture);
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
    var root = RepositoryRoot();
    var outputRoot = settings.GetValueOrDefault("out", Path.Combine(root, "artifacts", "coldstart"));
    var r2r = settings.TryGetValue("r2r", out var r2rDirectory)
        ? new Build("r2r", "self-contained ReadyToRun linux-x64", Path.Combine(r2rDirectory, "bootstrap"))
        : await Publisher.PublishReadyToRunAsync(root, outputRoot, cancellation.Token);
    var jit = settings.TryGetValue("jit", out var jitDirectory)
        ? new Build("jit", "framework-dependent, JIT only", Path.Combine(jitDirectory, "bootstrap"))
        : await Publisher.PublishJitAsync(root, outputRoot, cancellation.Token);
    var payloadPath = settings.GetValueOrDefault("payload", Path.Combine(AppContext.BaseDirectory, "Payloads", "cloudtrail-ec2-run-instances.json"));
    var payload = await File.ReadAllBytesAsync(payloadPath, cancellation.Token);

    await using var api = await LoopbackRuntimeApi.StartAsync(payload);
    var runner = new ColdStartRunner(api, settings.GetValueOrDefault("handler", "AuditTrail"), TimeSpan.FromSeconds(30));
    var builds = new[] { r2r, jit };
    var samples = builds.ToDictionary(build => build.Name, _ => new List<ColdStartSample>());

    // The untimed warm-up run of each build (file cache) also counts the methods it jits.
    var jitted = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var build in builds)
    {
        var jitLog = Path.Combine(Path.GetTempPath(), $"governance-coldstart-{build.Name}-{Environment.ProcessId}.jit.txt");
        await runner.RunOnceAsync(build, cancellation.Token, jitLog);
        jitted[build.Name] = File.Exists(jitLog) ? File.ReadLines(jitLog).Count(line => line.Contains("JIT compiled", StringComparison.Ordinal)) : -1;
        File.Delete(jitLog);
    }

    for (var run = 0; run < runs; run++)
    {
        foreach (var build in builds)
        {
            samples[build.Name].Add(await runner.RunOnceAsync(build, cancellation.Token));
        }
    }

    Report.Print(builds, samples, jitted, runs, payloadPath);
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
