using Governance.Testing.Lambda;
using Governance.Hosting.Tests.Support;

namespace Governance.Hosting.Tests.Runtime;

[Collection(RuntimeLoopGroup.Name)]
public sealed class TelemetryThroughLoopTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Metrics_ShouldBeFlushedOncePerInvocationWithTheHandlersOutcome()
    {
        await using var harness = await RuntimeHarness.StartAsync((_, options) => new DelegateHandler((payload, _, _) =>
        {
            options.Metrics.AddOutcome("ignored");
            return Task.FromResult(payload);
        }));

        harness.Api.Enqueue(FakeRuntimeApi.Invocation("m-1", "{}"u8.ToArray(), Minute));
        harness.Api.Enqueue(FakeRuntimeApi.Invocation("m-2", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("m-1");
        await harness.Api.ResultAsync("m-2");

        var metricLines = harness.Output.MetricLines();
        var durationLines = metricLines.Where(line => line.TryGetProperty("HandlerDuration", out _)).ToList();
        Assert.Equal(2, durationLines.Count);
        Assert.Single(metricLines, line => line.TryGetProperty("ColdStart", out _));
        Assert.Equal(2, metricLines.Count(line => line.TryGetProperty("Outcome", out var outcome) && outcome.GetString() == "ignored"));
        Assert.All(metricLines, line => Assert.Equal(
            RuntimeHarness.MetricsNamespace,
            line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString()));
    }

    [Fact]
    public async Task Metrics_WhenHandlerFailsWithoutAnOutcome_ShouldCountAnErrorOutcome()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            new DelegateHandler((_, _, _) => throw new InvalidOperationException("boom")));

        harness.Api.Enqueue(FakeRuntimeApi.Invocation("fails", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("fails");

        Assert.Contains(harness.Output.MetricLines(), line =>
            line.TryGetProperty("Outcome", out var outcome) && outcome.GetString() == "error");
    }

    [Fact]
    public async Task Logs_FromAHandler_ShouldCarryItsInvocationAndNotLeakItsCorrelationId()
    {
        await using var harness = await RuntimeHarness.StartAsync((_, options) => new DelegateHandler((payload, context, _) =>
        {
            if (context.RequestId == "log-1")
            {
                options.Logger.SetCorrelationId("evt-1");
                options.Logger.AppendKey("team", "fraud");
            }

            options.Logger.Information("Event {EventId} ignored: {Reason}", context.RequestId, "test");
            return Task.FromResult(payload);
        }));

        harness.Api.Enqueue(new FakeInvocation("log-1", "{}"u8.ToArray(), DateTimeOffset.UtcNow + Minute, TraceId: Contexts.Trace));
        harness.Api.Enqueue(FakeRuntimeApi.Invocation("log-2", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("log-1");
        await harness.Api.ResultAsync("log-2");

        var handlerLines = harness.Output.LogLines().Where(line => line.TryGetProperty("Reason", out _)).ToList();
        Assert.Equal(2, handlerLines.Count);
        Assert.Equal("log-1", handlerLines[0].GetProperty("function_request_id").GetString());
        Assert.Equal("evt-1", handlerLines[0].GetProperty("correlation_id").GetString());
        Assert.Equal("fraud", handlerLines[0].GetProperty("team").GetString());
        Assert.Equal(Contexts.TraceRoot, handlerLines[0].GetProperty("xray_trace_id").GetString());
        Assert.True(handlerLines[0].GetProperty("cold_start").GetBoolean());
        Assert.Equal("log-2", handlerLines[1].GetProperty("function_request_id").GetString());
        Assert.False(handlerLines[1].TryGetProperty("correlation_id", out _));
        Assert.False(handlerLines[1].TryGetProperty("team", out _));
        Assert.False(handlerLines[1].GetProperty("cold_start").GetBoolean());
    }
}
