using Governance.Hosting.Metrics;
using Governance.Local.Lambda;
using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

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

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("m-1", "{}"u8.ToArray(), Minute));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("m-2", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("m-1");
        await harness.Api.ResultAsync("m-2");

        var metricLines = harness.Output.MetricLines();
        var durationLines = metricLines.Where(line => line.TryGetProperty("HandlerDuration", out _)).ToList();
        Assert.Equal(2, durationLines.Count);
        var coldStart = Assert.Single(metricLines, line => line.TryGetProperty("ColdStart", out _));
        Assert.False(coldStart.TryGetProperty("HandlerDuration", out _));
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

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("fails", "{}"u8.ToArray(), Minute));
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

            options.Logger.LogInformation("Event {EventId} ignored: {Reason}", context.RequestId, "test");
            return Task.FromResult(payload);
        }));

        harness.Api.Enqueue(new LoopbackInvocation("log-1", "{}"u8.ToArray(), DateTimeOffset.UtcNow + Minute, TraceId: Contexts.Trace));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("log-2", "{}"u8.ToArray(), Minute));
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

    [Theory]
    [InlineData("provisioned-concurrency")]
    [InlineData("snap-start")]
    public async Task ColdStart_WhenTheEnvironmentWasInitialisedAhead_ShouldNotBeReported(string initializationType)
    {
        var environment = LambdaRuntimeOptions.FromEnvironment(
            name => name == LambdaRuntimeOptions.InitializationTypeVariable ? initializationType : null,
            new CapturingLineWriter(),
            TimeProvider.System);
        await using var harness = await RuntimeHarness.StartAsync(
            (_, options) => new DelegateHandler((payload, _, _) =>
            {
                options.Logger.LogInformation("first");
                return Task.FromResult(payload);
            }),
            options => options with { FirstInvocationIsColdStart = environment.FirstInvocationIsColdStart });

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("warm-1", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("warm-1");

        Assert.DoesNotContain(harness.Output.MetricLines(), line => line.TryGetProperty("ColdStart", out _));
        Assert.False(Assert.Single(harness.Output.LogLines(), line => line.GetProperty("message").GetString() == "first").GetProperty("cold_start").GetBoolean());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("on-demand", true)]
    [InlineData("provisioned-concurrency", false)]
    [InlineData("snap-start", false)]
    public void ColdStart_ShouldFollowTheInitialisationType(string? initializationType, bool expected) =>
        Assert.Equal(expected, LambdaRuntimeOptions.FromEnvironment(
            name => name == LambdaRuntimeOptions.InitializationTypeVariable ? initializationType : null,
            new CapturingLineWriter(),
            TimeProvider.System).FirstInvocationIsColdStart);

    [Fact]
    public async Task Init_WhenTheMetricsNamespaceIsReservedForAws_ShouldPostAnInitErrorNamingIt()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            DelegateHandler.Echo(),
            options => options with { Metrics = new LambdaMetrics(new MetricsOptions("AWS/Lambda", "svc", " "), new CapturingLineWriter(), TimeProvider.System) });

        var initError = await harness.Api.InitErrorAsync(Minute);

        var body = System.Text.Encoding.UTF8.GetString(initError.Body);
        Assert.Contains("AWS/Lambda", body, StringComparison.Ordinal);
        Assert.Contains("function_name", body, StringComparison.Ordinal);
        Assert.Equal(LambdaRuntime.ExitInitFailed, await harness.Run);
        Assert.DoesNotContain(harness.Output.LogLines(), line => line.TryGetProperty("cold_start", out _));
    }
}
