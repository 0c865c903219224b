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
    public async Task HandleAsync_WhenTheHandlerCannotUseTheEvent_ShouldFailTheInvocationSoItReachesTheDeadLetterQueue()
    {
        var (function, lines) = TestFunctions.Create(HandlerNames.PipelineMonitor);
        var unusable = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", "codepipeline-execution-id-control-character.json"));

        var rejection = await Assert.ThrowsAsync<EventRejectedException>(() => RunAsync(function, HandlerNames.PipelineMonitor, unusable));

        Assert.Contains("the execution id cannot identify a ledger node", rejection.Message, StringComparison.Ordinal);
        var error = Assert.Single(lines.Documents(), line => line.TryGetProperty("level", out var level) && level.GetString() == "ERROR");
        Assert.Contains("rejected by PipelineMonitor", error.GetProperty("message").GetString(), StringComparison.Ordinal);
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
            ["eventId", "source", "detailType", "handler", "outcome", "reason", "effects", "alreadyDone"],
            result.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task HandleAsync_ShouldLogTheEventIdAsCorrelationIdAndCountTheOutcome()
    {
        var (function, lines) = TestFunctions.Create(HandlerNames.PipelineMonitor);

        await RunAsync(function, HandlerNames.PipelineMonitor, TestFunctions.Fixture(PipelineEvent));

        var logs = lines.Documents().Where(line => line.TryGetProperty("level", out _)).ToList();
        Assert.NotEmpty(logs);
        Assert.All(logs, log => Assert.Equal(PipelineEventId, log.GetProperty("correlation_id").GetString()));
        var summary = Assert.Single(logs, log => log.TryGetProperty("Outcome", out _));
        Assert.Equal("processed", summary.GetProperty("Outcome").GetString());
    }

    [Fact]
    public void LineageApi_WithoutItsConfiguration_ShouldFailInitNamingTheMissingSetting()
    {
        var error = Assert.Throws<Handlers.Settings.SettingsException>(() => TestFunctions.Create(HandlerNames.LineageApi, _ => null));

        Assert.Contains("GOVERNANCE_TABLE", error.Message, StringComparison.Ordinal);
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
