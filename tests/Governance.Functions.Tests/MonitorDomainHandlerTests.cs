using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Flows;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing.Flows;
using Governance.Testing.Ledger;

namespace Governance.Functions.Tests;

public class MonitorDomainHandlerTests
{
    private static readonly ParsedEvent PipelineEvent = (ParsedEvent)EventParser.Parse(TestFunctions.Fixture("pipeline-execution-failed.json"));

    [Fact]
    public async Task HandleAsync_WhenTheSameEventArrivesTwice_ShouldPublishEachNotificationOnce()
    {
        var notifier = new InMemoryNotifier();
        var handler = new MonitorDomainHandler(new TwoNotificationMonitor(), notifier, new InMemoryIdempotencyStore());

        var first = await handler.HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.PipelineMonitor), CancellationToken.None);
        var second = await handler.HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.PipelineMonitor), CancellationToken.None);

        Assert.Equal(2, notifier.Published.Count);
        Assert.Equal(2, first.Effects.Count(effect => effect.StartsWith("notified ", StringComparison.Ordinal)));
        Assert.Equal(2, second.Effects.Count(effect => effect.EndsWith("already notified", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HandleAsync_WhenPublishingFailsMidway_ShouldRepublishOnlyWhatWasNotSentOnRedelivery()
    {
        var published = new InMemoryNotifier();
        var plan = new FaultPlan(2);
        var idempotency = new InMemoryIdempotencyStore();
        var crashing = new MonitorDomainHandler(new TwoNotificationMonitor(), FaultyPorts.Wrap(published, plan), idempotency);

        await Assert.ThrowsAsync<InjectedFaultException>(() =>
            crashing.HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.PipelineMonitor), CancellationToken.None));
        var redelivered = await new MonitorDomainHandler(new TwoNotificationMonitor(), published, idempotency)
            .HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.PipelineMonitor), CancellationToken.None);

        Assert.Equal([NotificationEventType.DeploymentFailed, NotificationEventType.AuditAlert], published.Published.Select(notification => notification.EventType));
        Assert.Contains(redelivered.Effects, effect => effect == "deployment.failed already notified");
    }

    [Fact]
    public async Task HandleAsync_WhenTheGraphReordersTheModelVersionsBetweenDeliveries_ShouldNotifyEachVersionOnce()
    {
        var published = new InMemoryNotifier();
        var idempotency = new InMemoryIdempotencyStore();
        var first = new VersionsMonitor("credit-risk/1", "credit-risk/2");
        await Assert.ThrowsAsync<InjectedFaultException>(() =>
            new MonitorDomainHandler(first, FaultyPorts.Wrap(published, new FaultPlan(2)), idempotency)
                .HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.ComplianceMonitor), CancellationToken.None));

        var reordered = new VersionsMonitor("credit-risk/2", "credit-risk/1");
        await new MonitorDomainHandler(reordered, published, idempotency)
            .HandleAsync(PipelineEvent, TestFunctions.Context(HandlerNames.ComplianceMonitor), CancellationToken.None);

        Assert.Equal(["credit-risk/1", "credit-risk/2"], published.Published.Select(notification => notification.Subject.ModelPackageArn).Order(StringComparer.Ordinal));
    }

    /// <summary>A monitor deciding one compliance.violation per model version the deployment graph lists, in the graph's order.</summary>
    private sealed class VersionsMonitor(params string[] versions) : IEventMonitor
    {
        public string HandlerName => HandlerNames.ComplianceMonitor;

        public Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken) =>
            Task.FromResult(new MonitorOutcome(
                ProcessingResults.Processed(parsedEvent, HandlerName, ["recorded the evaluation"]),
                [.. versions.Select(version => new Notification(
                    NotificationEventType.ComplianceViolation,
                    Severity.Critical,
                    DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                    new ModelSubject("credit-risk", "credit-risk", 3, version, "111111111111"),
                    "violation on " + version,
                    "summary",
                    JsonDocument.Parse("{}").RootElement,
                    "/models/credit-risk/versions/3",
                    "/models/credit-risk/versions/3/timeline"))]));
    }

    /// <summary>A monitor that always decides on the same two notifications.</summary>
    private sealed class TwoNotificationMonitor : IEventMonitor
    {
        public string HandlerName => HandlerNames.PipelineMonitor;

        public Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken) =>
            Task.FromResult(new MonitorOutcome(
                ProcessingResults.Processed(parsedEvent, HandlerName, ["recorded the execution"]),
                [Notice(NotificationEventType.DeploymentFailed), Notice(NotificationEventType.AuditAlert)]));

        private static Notification Notice(NotificationEventType type) => new(
            type,
            Severity.Critical,
            DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            new ModelSubject("credit-risk", "credit-risk", 3, null, "111111111111"),
            "title",
            "summary",
            JsonDocument.Parse("{}").RootElement,
            "/models/credit-risk/versions/3",
            "/models/credit-risk/versions/3/timeline");
    }
}
