using System.Text;
using System.Text.Json;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Hosting;

namespace Governance.Functions.Tests;

public class EventFunctionTests
{
    private const string PipelineEvent = "pipeline-execution-failed.json";
    private const string PipelineEventId = "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70";

    [Fact]
    public async Task HandleAsync_WhenPayloadIsNotJson_ShouldFailTheInvocationWithTheReason()
    {
        var (function, lines) = TestFunctions.Create(HandlerNames.AuditTrail);

        var rejection = await Assert.ThrowsAsync<EventRejectedException>(() =>
            RunAsync(function, HandlerNames.AuditTrail, "{\"detail-type\": oops}"u8.ToArray()));

        Assert.Contains("not valid JSON", rejection.Message, StringComparison.Ordinal);
        var error = Assert.Single(lines.Documents(), line => line.TryGetProperty("level", out var level) && level.GetString() == "ERROR");
        Assert.Contains("rejected", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_WhenEventIsThisFunctionsBusinessButItHasNoDomainHandler_ShouldSayNoHandlerYet()
    {
        var (function, _) = TestFunctions.Create(HandlerNames.PipelineMonitor);

        var result = await RunAsync(function, HandlerNames.PipelineMonitor, TestFunctions.Fixture(PipelineEvent));

        Assert.Equal("ignored", result.GetProperty("outcome").GetString());
        Assert.Equal(HandlerNames.PipelineMonitor, result.GetProperty("handler").GetString());
        Assert.Equal(EventFunction.NoHandlerYet, result.GetProperty("reason").GetString());
        Assert.Equal(PipelineEventId, result.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task HandleAsync_WhenAnotherFunctionHandlesTheEvent_ShouldIgnoreItAndNameThatFunction()
    {
        var (function, _) = TestFunctions.Create(HandlerNames.AuditTrail);
        var teamApproval = TestFunctions.Fixture("model-package-approved.json");

        var result = await RunAsync(function, HandlerNames.AuditTrail, teamApproval);

        Assert.Equal("ignored", result.GetProperty("outcome").GetString());
        Assert.Contains("RegistrySync handles it", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_WhenNoFunctionHandlesTheEvent_ShouldIgnoreItWithTheRoutersReason()
    {
        var (function, _) = TestFunctions.Create(HandlerNames.RegistrySync);
        var pending = TestFunctions.Fixture("model-package-pending.json");

        var result = await RunAsync(function, HandlerNames.RegistrySync, pending);

        Assert.Equal("ignored", result.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("handler").ValueKind);
        Assert.Contains("PendingManualApproval", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ShouldAnswerExactlyTheDocumentedResultKeys()
    {
        var (function, _) = TestFunctions.Create(HandlerNames.PipelineMonitor);

        var result = await RunAsync(function, HandlerNames.PipelineMonitor, TestFunctions.Fixture(PipelineEvent));

        Assert.Equal(
            ["eventId", "source", "detailType", "handler", "outcome", "reason", "effects"],
            result.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task HandleAsync_ShouldLogTheEventIdAsCorrelationIdAndCountTheOutcome()
    {
        var (function, lines) = TestFunctions.Create(HandlerNames.PipelineMonitor);

        await RunAsync(function, HandlerNames.PipelineMonitor, TestFunctions.Fixture(PipelineEvent));

        var log = Assert.Single(lines.Documents(), line => line.TryGetProperty("level", out _));
        Assert.Equal(PipelineEventId, log.GetProperty("correlation_id").GetString());
        Assert.Equal("ignored", log.GetProperty("Outcome").GetString());
    }

    [Fact]
    public async Task LineageApi_ShouldAnswerAnHttpApiResponseWithAJsonError()
    {
        var (function, _) = TestFunctions.Create(HandlerNames.LineageApi);

        var response = await RunAsync(function, HandlerNames.LineageApi, Encoding.UTF8.GetBytes("""{"version":"2.0","routeKey":"GET /audit","rawPath":"/audit"}"""));

        Assert.Equal(501, response.GetProperty("statusCode").GetInt32());
        using var body = JsonDocument.Parse(response.GetProperty("body").GetString()!);
        Assert.True(body.RootElement.TryGetProperty("error", out _));
    }

    private static async Task<JsonElement> RunAsync(IFunctionHandler function, string handler, byte[] payload)
    {
        var context = TestFunctions.Context(handler);
        using var invocation = LocalInvocation.Begin(context);
        var response = await function.HandleAsync(payload, context, CancellationToken.None);
        using var document = JsonDocument.Parse(response);
        return document.RootElement.Clone();
    }
}
