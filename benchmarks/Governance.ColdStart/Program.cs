using System.Globalization;
using Governance.ColdStart;
using Governance.Local.Lambda;

// Cold-start harness: see benchmarks/README.md ("Cold start") or run with --help.
const int HarnessFailure = 1;
const string Usage = """
    governance-coldstart [--runs N] [--real-runs N] [--handler NAME|all] [--aot FILE] [--r2r FILE] [--no-real]
      Compares three programs started as Lambda starts a function, against a loopback Runtime API with each
      function's INIT environment: the Native AOT bootstrap (make publish), the self-contained ReadyToRun
      composite build it replaced (make publish-r2r, benchmark only), and a Python 3 peer (boto3 imported, the
      SageMaker/SNS/DynamoDB clients created at INIT). --aot / --r2r take already published bootstraps.
      Ignore path: for each function (--handler, default all) N rounds (--runs, default 12, after one untimed
      warm-up each), each round starting the three back to back in a rotating order, with an event answered
      without calling AWS. Real work (skipped with --no-real): 'governance local up' provisions the local
      organisation on moto_server, then --real-runs rounds (default 5, after one untimed round) start aot and r2r
      back to back on a first event that calls AWS through the adapters, split into INIT and handler time.
      Prints process start -> first next, -> first response posted, CPU time, peak RSS (VmHWM), the run-by-run
      ratios aot/r2r and aot/python, and each figure against its target.
      Exits 1 on a harness failure (publish failed, a process crashed, posted an error or answered something
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

    if (args[i] == "--no-real")
    {
        settings["no-real"] = "true";
        continue;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine(Usage);
        return HarnessFailure;
    }

    settings[args[i][2..]] = args[++i];
}

var runs = int.Parse(settings.GetValueOrDefault("runs", "12"), CultureInfo.InvariantCulture);
var realRuns = settings.ContainsKey("no-real") ? 0 : int.Parse(settings.GetValueOrDefault("real-runs", "5"), CultureInfo.InvariantCulture);
if (runs < 10 || realRuns is < 0 or (> 0 and < 3))
{
    Console.Error.WriteLine("--runs must be at least 10 and --real-runs at least 3");
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
    var root = RepositoryRoot.Path;
    var aot = await Builds.AotAsync(root, Full(settings.GetValueOrDefault("aot")), cancellation.Token);
    var r2r = await Builds.ReadyToRunAsync(root, Full(settings.GetValueOrDefault("r2r")), cancellation.Token);
    var python = await Builds.PythonAsync(cancellation.Token);
    Build[] builds = [aot, r2r, python];
    var results = new Results(builds, scenarios);
    var runner = new ColdStartRunner(TimeSpan.FromSeconds(60));
    var noOverrides = new Dictionary<string, string>();

    // The lineage API reads its page-token key from Secrets Manager at INIT: even its ignore path needs the emulator.
    await using var organisation = realRuns > 0 || scenarios.Any(scenario => scenario.Handler == "LineageApi")
        ? await LocalOrganisation.StartAsync(root, Path.Combine(root, "artifacts", "coldstart", "local"), cancellation.Token)
        : null;

    async Task IgnorePathAsync(Build build, HandlerScenario scenario, bool timed)
    {
        var payload = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Payloads", scenario.Payload), cancellation.Token);
        var expected = build.RunsHandlers ? scenario.ExpectedInResponse : "\"peer\": \"python\"";
        var overrides = scenario.Handler == "LineageApi" && organisation is not null ? organisation.Environment() : noOverrides;
        var (sample, _) = await runner.RunOnceAsync(build, scenario.FunctionName, scenario.EnvironmentWith(overrides), payload, expected, cancellation.Token);
        if (timed)
        {
            results.Add(CaseKind.IgnorePath, build, scenario, sample);
        }
    }

    // One untimed start of each (file cache), then the rounds; the order of the three rotates from round to round.
    foreach (var scenario in scenarios)
    {
        foreach (var build in builds)
        {
            await IgnorePathAsync(build, scenario, timed: false);
        }
    }

    for (var run = 0; run < runs; run++)
    {
        Console.Error.WriteLine($"ignore path: round {run + 1}/{runs}");
        foreach (var scenario in scenarios)
        {
            for (var k = 0; k < builds.Length; k++)
            {
                await IgnorePathAsync(builds[(run + k) % builds.Length], scenario, timed: true);
            }
        }
    }

    if (realRuns > 0 && organisation is not null)
    {
        Build[] native = [aot, r2r];
        for (var round = 0; round <= realRuns; round++)
        {
            Console.Error.WriteLine(round == 0 ? "real work: untimed round" : $"real work: round {round}/{realRuns}");
            for (var k = 0; k < native.Length; k++)
            {
                var build = native[(round + k) % native.Length];
                string? synced = null;
                foreach (var scenario in HandlerScenario.All)
                {
                    var payload = scenario.Handler switch
                    {
                        "RegistrySync" => await organisation.NewTeamApprovalAsync(cancellation.Token),
                        "DeploymentTrigger" => await organisation.CentralApprovalAsync(synced ?? throw new InvalidOperationException("no sync in this round"), cancellation.Token),
                        _ => LocalOrganisation.Fresh(scenario.RealWorkPayload!),
                    };
                    var (sample, response) = await runner.RunOnceAsync(build, scenario.FunctionName, scenario.EnvironmentWith(organisation.Environment()), payload, scenario.ExpectedFromRealWork, cancellation.Token);
                    synced = scenario.Handler == "RegistrySync" ? response : synced;
                    if (round > 0 && scenarios.Contains(scenario))
                    {
                        results.Add(CaseKind.RealWork, build, scenario, sample);
                    }
                }
            }
        }
    }

    Report.Print(results, runs, realRuns);
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
{
    Console.Error.WriteLine($"cold-start harness failed: {e.Message}");
    return HarnessFailure;
}

static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
