using System.Text.Json;
using Governance.Hosting.Metrics;
using Governance.Hosting.Tests.Support;

namespace Governance.Hosting.Tests.Metrics;

public sealed class LambdaMetricsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly CapturingLineWriter _output = new();

    [Fact]
    public void Flush_OnColdStart_ShouldWriteColdStartInItsOwnDocumentByServiceAndFunctionName()
    {
        var metrics = Metrics();
        using (var scope = InvocationScope.Begin(Contexts.Invocation("cold")))
        {
            metrics.Flush(scope.Scope, TimeSpan.FromMilliseconds(12.5), coldStart: true);
        }

        var lines = _output.MetricLines();
        Assert.Equal(2, lines.Count);
        var coldStart = lines[0];
        var aws = coldStart.GetProperty("_aws");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("Governance/Test", directive.GetProperty("Namespace").GetString());
        Assert.Equal([["service", "function_name"]], Dimensions(directive));
        Assert.Equal([("ColdStart", "Count")], Metrics(directive));
        Assert.Equal("governance", coldStart.GetProperty("service").GetString());
        Assert.Equal("governance-audit", coldStart.GetProperty("function_name").GetString());
        Assert.Equal(1, coldStart.GetProperty("ColdStart").GetInt32());
        Assert.False(coldStart.TryGetProperty("HandlerDuration", out _));

        var duration = lines[1];
        var durationDirective = duration.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal([["service", "function_name"]], Dimensions(durationDirective));
        Assert.Equal([("HandlerDuration", "Milliseconds")], Metrics(durationDirective));
        Assert.Equal(12.5, duration.GetProperty("HandlerDuration").GetDouble());
        Assert.False(duration.TryGetProperty("ColdStart", out _));
    }

    [Fact]
    public void Flush_WithMetricsTheHandlerAdded_ShouldSumThemPerNameBesideTheDuration()
    {
        var metrics = Metrics();
        using (var scope = InvocationScope.Begin(Contexts.Invocation("added", coldStart: false)))
        {
            metrics.AddMetric("LedgerAppends", 1, MetricUnit.Count);
            metrics.AddMetric("NotificationsSent", 1, MetricUnit.Count);
            metrics.AddMetric("LedgerAppends", 1, MetricUnit.Count);
            metrics.Flush(scope.Scope, TimeSpan.FromMilliseconds(2), coldStart: false);
        }

        var line = Assert.Single(_output.MetricLines());
        Assert.Equal(
            [("HandlerDuration", "Milliseconds"), ("LedgerAppends", "Count"), ("NotificationsSent", "Count")],
            Metrics(line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0]));
        Assert.Equal(2, line.GetProperty("LedgerAppends").GetInt32());
        Assert.Equal(1, line.GetProperty("NotificationsSent").GetInt32());
    }

    [Theory]
    [InlineData("ColdStart")]
    [InlineData("function_name")]
    [InlineData("")]
    [InlineData("Bytes\u00e9")]
    public void AddMetric_WithANameCloudWatchOrTheRuntimeWouldMisread_ShouldBeRefused(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => Metrics().AddMetric(name, 1, MetricUnit.Count));

    [Theory]
    [InlineData("MlGovernance", "ml-governance", "fn", 0)]
    [InlineData("AWS/Lambda", "ml-governance", "fn", 1)]
    [InlineData("Ml Governance/prod#1:a_b-c.d", "ml-governance", "fn", 0)]
    [InlineData("MlGovernance!", "ml-governance", "fn", 1)]
    [InlineData("", " ", "", 3)]
    [InlineData("MlGovernance", "gouvernance-modèles", "fn", 1)]
    public void Options_ShouldListEveryValueCloudWatchWouldRefuse(string ns, string service, string function, int problems) =>
        Assert.Equal(problems, new MetricsOptions(ns, service, function).Problems().Count);

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
        Assert.Equal([["service", "function_name", "Outcome"]], Dimensions(directive));
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

    private static (string Name, string Unit)[] Metrics(JsonElement directive) =>
        [.. directive.GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString()!, m.GetProperty("Unit").GetString()!))];

    private LambdaMetrics Metrics() =>
        new(new MetricsOptions("Governance/Test", "governance", "governance-audit"), _output, new FixedTimeProvider(Now));
}
