using BenchmarkDotNet.Attributes;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;

namespace Governance.Benchmarks.Events;

/// <summary>
/// Per-event cost of parsing and routing, the work every invocation does before its handler runs.
/// Target: well under 1 ms and under 100 KB allocated per event.
/// </summary>
[MemoryDiagnoser]
public class ParseAndRouteBenchmarks
{
    private readonly EventRouter _router = new("999988887777");
    private byte[] _payload = [];

    [Params(
        "model-package-approved-team.json",
        "cloudtrail-eventbridge-update-model-package.json",
        "codepipeline-action-processed-failed.json",
        "config-compliance-sns-string-message.json")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Load() => _payload = File.ReadAllBytes(BenchmarkFiles.CoreEventFixture(Fixture));

    [Benchmark]
    public RouteDecision ParseAndRoute() => _router.Route((ParsedEvent)EventParser.Parse(_payload));
}
