using System.Text.Json;
using Governance.Handlers;
using Governance.Handlers.Composition;
using Governance.Hosting.Metrics;

namespace Governance.Functions.Tests.Telemetry;

/// <summary>
/// Every metric the functions write, with its dimension set, and every Outcome value: what the dashboard may name
/// in the functions' namespace. The bootstrap's real output is checked against it (BootstrapOnMotoTests).
/// </summary>
internal static class EmittedMetrics
{
    private static readonly string[] PerFunction = [LambdaMetrics.ServiceDimension, LambdaMetrics.FunctionNameDimension];

    public static readonly IReadOnlyDictionary<string, string[]> Dimensions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [LambdaMetrics.ColdStartMetric] = PerFunction,
        [LambdaMetrics.HandlerDurationMetric] = PerFunction,
        [PortMetrics.NotificationsSent] = PerFunction,
        [PortMetrics.LedgerAppends] = PerFunction,
        [LambdaMetrics.EventsProcessedMetric] = [.. PerFunction, LambdaMetrics.OutcomeDimension],
    };

    /// <summary>EventFunction's outcomes, LedgerAnchor's, then the runtime's for an invocation that failed without one.</summary>
    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string>(StringComparer.Ordinal)
    {
        "processed", "ignored", "rejected", "failed", LedgerAnchorFunction.AnchoredOutcome, "error", "timeout",
    };

    /// <summary>Fails unless every metric of the EMF document is in the catalogue with its dimension set.</summary>
    public static void AssertKnown(JsonElement document)
    {
        foreach (var directive in document.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray())
        {
            var dimensions = directive.GetProperty("Dimensions").EnumerateArray()
                .Select(set => set.EnumerateArray().Select(name => name.GetString()!).ToArray())
                .ToList();
            foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
            {
                var name = metric.GetProperty("Name").GetString()!;
                Assert.True(Dimensions.TryGetValue(name, out var expected), $"{name} is not in the catalogue of emitted metrics");
                Assert.Equal(expected, Assert.Single(dimensions));
            }
        }

        if (document.TryGetProperty(LambdaMetrics.OutcomeDimension, out var outcome))
        {
            Assert.Contains(outcome.GetString()!, Outcomes);
        }
    }
}
