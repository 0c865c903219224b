using System.Text.Json;
using Governance.Hosting.Metrics;
using Governance.Hosting.Tests.Support;

namespace Governance.Hosting.Tests.Metrics;

public sealed class LambdaMetricsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly CapturingLineWriter _output = new();

    [Fact]
    public void Flush_OnColdStart_ShouldWriteEmfLineWithDurationAndColdStartByService()
    {
        var metrics = Metrics();
        using (var scope = InvocationScope.Begin(Contexts.Invocation("cold")))
        {
            metrics.Flush(scope.Scope, TimeSpan.FromMilliseconds(12.5), coldStart: true);
        }

        var line = Assert.Single(_output.MetricLines());
        var aws = line.GetProperty("_aws");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("Governance/Test", directive.GetProperty("Namespace").GetString());
        Assert.Equal([["service"]], Dimensions(directive));
        Assert.Equal(
            [("HandlerDuration", "Milliseconds"), ("ColdStart", "Count")],
            directive.GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString()!, m.GetProperty("Unit").GetString()!)).ToArray());
        Assert.Equal("governance", line.GetProperty("service").GetString());
        Assert.Equal(12.5, line.GetProperty("HandlerDuration").GetDouble());
        Assert.Equal(1, line.GetProperty("ColdStart").GetInt32());
    }

    [Fact]
    public void Flush_OnWarmStart_ShouldNotCountAColdStart()
    {
        var metrics = Metrics();
        using (var scope = InvocationScope.Begin(Contexts.Invocation("warm", coldStart: false)))
        {
            metrics.Flush(scope.Scope, TimeSpan.FromMilliseconds(3), coldStart: false);
        }

        var line = Assert.Single(_output.MetricLines());
        Assert.False(line.TryGetProperty("ColdStart", out _));
        var directive = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("HandlerDuration", Assert.Single(directive.GetProperty("Metrics").EnumerateArray()).GetProperty("Name").GetString());
    }

    [Fact]
    public void Flush_WithOutcomes_ShouldCountEventsProcessedPerOutcomeDimension()
    {
        var metrics = Metrics();
        using (var scope = InvocationScope.Begin(Contexts.Invocation("outcomes")))
        {
            metrics.AddOutcome("ignored");
            metrics.AddOutcome("synced");
            metrics.AddOutcome("ignored");
            metrics.Flush(scope.Scope, TimeSpan.FromMilliseconds(1), coldStart: false);
        }

        var outcomeLines = _output.MetricLines().Where(line => line.TryGetProperty("Outcome", out _)).ToList();
        Assert.Equal(2, outcomeLines.Count);
        var counts = outcomeLines.ToDictionary(line => line.GetProperty("Outcome").GetString()!, line => line.GetProperty("EventsProcessed").GetInt32());
        Assert.Equal(2, counts["ignored"]);
        Assert.Equal(1, counts["synced"]);
        var directive = outcomeLines[0].GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal([["service", "Outcome"]], Dimensions(directive));
        var metric = Assert.Single(directive.GetProperty("Metrics").EnumerateArray());
        Assert.Equal("EventsProcessed", metric.GetProperty("Name").GetString());
        Assert.Equal("Count", metric.GetProperty("Unit").GetString());
    }

    [Fact]
    public void Outcomes_OfOneInvocation_ShouldNotBeCountedInTheNext()
    {
        var metrics = Metrics();
        using (InvocationScope.Begin(Contexts.Invocation("first")))
        {
            metrics.AddOutcome("rejected");
        }

        using (var second = InvocationScope.Begin(Contexts.Invocation("second", coldStart: false)))
        {
            metrics.Flush(second.Scope, TimeSpan.FromMilliseconds(1), coldStart: false);
        }

        Assert.DoesNotContain(_output.MetricLines(), line => line.TryGetProperty("Outcome", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddOutcome_WithoutAValue_ShouldBeRefused(string outcome) =>
        Assert.ThrowsAny<ArgumentException>(() => Metrics().AddOutcome(outcome));

    private static string[][] Dimensions(JsonElement directive) =>
        [.. directive.GetProperty("Dimensions").EnumerateArray().Select(set => set.EnumerateArray().Select(d => d.GetString()!).ToArray())];

    private LambdaMetrics Metrics() =>
        new(new MetricsOptions("Governance/Test", "governance"), _output, new FixedTimeProvider(Now));
}
