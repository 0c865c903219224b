using Governance.Aws.Tests.Ledger;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Testing;

namespace Governance.Aws.Tests.Monitors;

/// <summary>The three monitors against the DynamoDB ledger adapter on moto_server: what they write, and that chains verify.</summary>
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
        var monitor = new PipelineMonitor(table.Writer, table.Reader, new ModelPackages(table.Reader, CentralAccount), TimeProvider.System);
        var execution = new NodeRef(NodeTypes.PipelineExecution, ExecutionId);
        await table.Writer.RecordEdgeAsync(new LedgerEdge(Package, Relations.DeployedBy, execution, DateTimeOffset.UtcNow, "trigger"), CancellationToken.None);

        var notifications = new List<Notification>();
        foreach (var name in new[] { "codepipeline-deploy-failed.json", "codepipeline-deploy-started.json", "codepipeline-deploy-action-failed.json", "codepipeline-deploy-failed.json" })
        {
            notifications.AddRange((await monitor.HandleAsync(Fixture(name), CancellationToken.None)).Notifications);
        }

        var failed = Assert.Single(notifications);
        Assert.Equal(NotificationEventType.DeploymentFailed, failed.EventType);
        var records = (await table.Reader.GetTimelineAsync(execution, new PageRequest(), CancellationToken.None)).Items;
        Assert.Equal(3, records.Count);
        Assert.Equal(DeploymentStatus.Failed, ExecutionState.Fold(records.Select(ExecutionObservation.FromRecord).OfType<ExecutionObservation>()).Status);
        Assert.Equal("deployment.failed", Assert.Single((await table.Reader.GetTimelineAsync(Package, new PageRequest(), CancellationToken.None)).Items).Kind);
        await AssertIntactAsync(table, execution, Package);
        Assert.True(new NotificationComposer().Compose(failed).SizeInBytes < Governance.Core.Notifications.NotificationMessage.MaxBytes);
    }

    [Fact]
    public async Task AuditTrailAndComplianceMonitor_OnDynamoDb_ShouldBuildTheGraphAlertOnceAndLinkTheViolation()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var settings = MonitorSettingsLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")));
        var packages = new ModelPackages(table.Reader, CentralAccount);
        var audit = new AuditTrail(table.Writer, table.Reader, packages, settings, TimeProvider.System);
        var compliance = new ComplianceMonitor(table.Writer, table.Reader, packages, settings, TimeProvider.System);

        var alerts = new List<Notification>();
        foreach (var name in new[]
        {
            "cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json",
            "cloudtrail-update-endpoint-by-intern.json", "cloudtrail-update-endpoint-by-intern.json",
        })
        {
            alerts.AddRange((await audit.HandleAsync(Fixture(name), CancellationToken.None)).Notifications);
        }

        var opened = await compliance.HandleAsync(Fixture("config-endpoint-non-compliant.json"), CancellationToken.None);
        var resolved = await compliance.HandleAsync(Fixture("config-endpoint-compliant.json"), CancellationToken.None);
        var reopened = await compliance.HandleAsync(Fixture("config-endpoint-non-compliant-again.json"), CancellationToken.None);

        Assert.Equal(NotificationEventType.AuditAlert, Assert.Single(alerts).EventType);
        Assert.Equal(Package, (await table.Reader.GetCurrentAsync(Endpoint, Relations.Runs, CancellationToken.None))!.Target);
        var upstream = (await table.Reader.GetLineageAsync(new LineageQuery(Endpoint, LineageDirection.Upstream, 3), new PageRequest(), CancellationToken.None)).Items;
        Assert.Contains(upstream, step => step.Edge.From == Package && step.Depth == 1);
        Assert.Contains(upstream, step => step.Edge.From == Package && step.Depth == 3);
        Assert.Equal(
            [NotificationEventType.ComplianceViolation, NotificationEventType.ComplianceResolved, NotificationEventType.ComplianceViolation],
            new[] { opened, resolved, reopened }.Select(outcome => Assert.Single(outcome.Notifications).EventType));
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

    private static ParsedEvent Fixture(string name) =>
        Assert.IsType<ParsedEvent>(EventParser.Parse(File.ReadAllBytes(
            RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", name))));
}
