using Governance.Aws.Tests.Ledger;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Governance.Core.Presentation.Notifications;

namespace Governance.Aws.Tests.Monitors;

/// <summary>The three monitors against the DynamoDB ledger adapter on moto_server: what they write, and that chains verify.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class MonitorLedgerMotoTests(MotoServer moto)
{
    private const string CentralAccount = "999988887777";
    private const string ExecutionId = "0c6f4a3e-2d1b-4c9a-8f7e-6d5c4b3a2910";
    private static readonly NodeRef Package = new(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/12");
    private static readonly NodeRef Endpoint = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:999988887777:endpoint/fraud-endpoint");

    [Fact]
    public async Task PipelineMonitor_OnDynamoDb_ShouldRecordTheRunNotifyFailedOnceAndKeepChainsIntact()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var notifier = new InMemoryNotifier();
        var monitor = new PipelineMonitor(table.Effects(notifier), table.Reader, new ModelPackages(table.Reader, CentralAccount));
        var execution = new NodeRef(NodeTypes.PipelineExecution, ExecutionId);
        await table.Writer.RecordEdgeAsync(new LedgerEdge(Package, Relations.DeployedBy, execution, DateTimeOffset.UtcNow, "trigger"), CancellationToken.None);

        foreach (var name in new[] { "codepipeline-deploy-failed.json", "codepipeline-deploy-started.json", "codepipeline-deploy-action-failed.json", "codepipeline-deploy-failed.json" })
        {
            await monitor.HandleAsync(Fixture(name), Deadline, CancellationToken.None);
        }

        var failed = Assert.Single(notifier.Published);
        Assert.Equal(NotificationEventType.DeploymentFailed, failed.EventType);
        var records = (await table.Reader.GetTimelineAsync(execution, new PageRequest(), CancellationToken.None)).Items;
        Assert.Equal(3, records.Count);
        Assert.Equal(DeploymentStatus.Failed, ExecutionState.Fold(records.Select(ExecutionObservation.FromRecord).OfType<ExecutionObservation>()).Status);
        Assert.Equal("deployment.failed", Assert.Single((await table.Reader.GetTimelineAsync(Package, new PageRequest(), CancellationToken.None)).Items).Kind);
        await AssertIntactAsync(table, execution, Package);
        Assert.True(new NotificationComposer().Compose(failed).SizeInBytes < NotificationMessage.MaxBytes);
    }

    [Fact]
    public async Task AuditTrailAndComplianceMonitor_OnDynamoDb_ShouldBuildTheGraphAlertOnceAndLinkTheViolation()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var settings = MonitorSettingsLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")));
        var packages = new ModelPackages(table.Reader, CentralAccount);
        var notifier = new InMemoryNotifier();
        var audit = new AuditTrail(table.Effects(notifier), table.Reader, packages, settings);
        var compliance = new ComplianceMonitor(table.Effects(notifier), table.Reader, packages, settings);

        foreach (var name in new[]
        {
            "cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json",
            "cloudtrail-update-endpoint-by-intern.json", "cloudtrail-update-endpoint-by-intern.json",
        })
        {
            await audit.HandleAsync(Fixture(name), Deadline, CancellationToken.None);
        }

        var alerts = notifier.Published;
        foreach (var name in new[] { "config-endpoint-non-compliant.json", "config-endpoint-compliant.json", "config-endpoint-non-compliant-again.json" })
        {
            await compliance.HandleAsync(Fixture(name), Deadline, CancellationToken.None);
        }

        Assert.Equal(NotificationEventType.AuditAlert, Assert.Single(alerts).EventType);
        Assert.Equal(Package, (await table.Reader.GetCurrentAsync(Endpoint, Relations.Runs, CancellationToken.None))!.Target);
        var upstream = (await table.Reader.GetLineageAsync(new LineageQuery(Endpoint, LineageDirection.Upstream, 3), new PageRequest(), CancellationToken.None)).Items;
        Assert.Contains(upstream, step => step.Edge.From == Package && step.Depth == 1);
        Assert.Contains(upstream, step => step.Edge.From == Package && step.Depth == 3);
        Assert.Equal(
            [NotificationEventType.AuditAlert, NotificationEventType.ComplianceViolation, NotificationEventType.ComplianceResolved, NotificationEventType.ComplianceViolation],
            notifier.Published.Select(notification => notification.EventType));
        var violation = Assert.Single((await table.Reader.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items);
        Assert.Equal(Endpoint, violation.Resource);
        var violations = (await table.Reader.GetNeighboursAsync(Package, LineageDirection.Downstream, NodeTypes.Violation, new PageRequest(), CancellationToken.None)).Items;
        Assert.Equal(violation.Violation, Assert.Single(violations).To);
        Assert.Equal(2, (await table.Reader.GetTimelineAsync(Endpoint, new PageRequest(), CancellationToken.None)).Items.Count);
        await AssertIntactAsync(table, Endpoint, Package, violation.Violation);
    }

    private static async Task AssertIntactAsync(LedgerTestTable table, params NodeRef[] subjects)
    {
        foreach (var subject in subjects)
        {
            Assert.Empty(ChainVerifier.Verify(await table.Chains.ReadChainAsync(subject, CancellationToken.None)));
        }
    }

    private static DateTimeOffset Deadline => DateTimeOffset.UtcNow.AddMinutes(1);

    private static ParsedEvent Fixture(string name) =>
        Assert.IsType<ParsedEvent>(EventParser.Parse(File.ReadAllBytes(
            RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", name))));
}
