using System.Diagnostics;
using System.Globalization;
using Governance.Core.Routing;
using Governance.Testing;
using Governance.Testing.Fuzz;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// Malformed input, in-process: each handler gets mutated real samples (its own routes' samples half the time,
/// any sample otherwise; HTTP API requests for the lineage API): dropped, nulled and retyped fields, numbers out of
/// range, another kind's detail-type/source, duplicate keys, truncation, invalid UTF-8, 1 MB strings, 10,000 levels
/// of nesting and 6 MB payloads. Every invocation must be decided and logged (see <see cref="FuzzHarness"/>).
/// 2,000 cases per handler by default; GOVERNANCE_TEST_FULL=1 runs 10,000. Seeds are fixed: a failing case is
/// replayed by its index.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 90210;

    private static int Cases => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_FULL") == "1" ? 10_000 : 2_000;

    public static TheoryData<string> Handlers() => new(
        HandlerNames.RegistrySync, HandlerNames.DeploymentTrigger, HandlerNames.PipelineMonitor,
        HandlerNames.ComplianceMonitor, HandlerNames.AuditTrail, HandlerNames.LineageApi);

    [SharedTheory]
    [MemberData(nameof(Handlers))]
    public async Task Handler_FedMutatedRealSamples_ShouldDecideAndLogEveryOneWithoutCrashingOrHanging(string handler)
    {
        var harness = await FuzzHarness.CreateAsync(handler);
        var mutator = new FuzzMutator(FuzzInputs.All(), Seed);
        var own = FuzzInputs.Own(handler);
        Assert.NotEmpty(own);
        var verdicts = new Dictionary<FuzzVerdict, int>();
        var kinds = new Dictionary<FuzzKind, int>();
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < Cases && problems.Count < 5; index++)
        {
            var fuzzCase = mutator.Case(index, own);
            foreach (var kind in fuzzCase.Kinds)
            {
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }

            var (verdict, problem) = await harness.InvokeAsync(fuzzCase.Payload);
            if (verdict is { } decided)
            {
                verdicts[decided] = verdicts.GetValueOrDefault(decided) + 1;
            }
            else
            {
                problems.Add($"{fuzzCase}: {problem}\n  input saved as {Save(handler, fuzzCase)}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{handler}: {Cases} cases (seed {Seed}) in {clock.ElapsedMilliseconds} ms; {string.Join(", ", verdicts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key.ToString().ToLowerInvariant()} {pair.Value}"))}"));
        output.WriteLine("mutations: " + string.Join(", ", kinds.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")));
        Assert.True(problems.Count == 0, $"{handler} broke the contract:\n{string.Join("\n\n", problems)}");
        Assert.True(kinds.Keys.Count == Enum.GetValues<FuzzKind>().Length || Cases < 1000, "not every mutation kind was exercised");
    }

    /// <summary>Keeps a failing input for a regression fixture.</summary>
    private static string Save(string handler, FuzzCase fuzzCase)
    {
        var folder = Path.Combine(Path.GetTempPath(), "governance-fuzz");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{handler}-{Seed}-{fuzzCase.Index}.json"));
        File.WriteAllBytes(path, fuzzCase.Payload);
        return path;
    }
}
