using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Registry;
using Governance.Testing.Flows;

namespace Governance.Core.Tests.Flows;

public sealed class DeploymentTriggerFlowTests
{
    private const string SageMakerRouting = """{"version":1,"routes":[{"name":"all","target":{"type":"sageMakerPipeline","pipelineName":"deploy"}}]}""";

    [Fact]
    public async Task Run_WhenTheSyncHasNotRecordedThePackage_ShouldFailRetryably()
    {
        var fixture = new FlowFixture();

        var failure = await Assert.ThrowsAsync<FlowFailedException>(() =>
            fixture.Deployment(SageMakerRouting).RunAsync(FlowFixture.Approval(CentralArn(1)), CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.Contains("not in the ledger yet", failure.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Launcher.Starts);
    }

    [Fact]
    public async Task Run_WhenApproved_ShouldStartTheRoutedPipelineWithResolvedParametersOncePerApprovalEvent()
    {
        var fixture = await SyncedAsync();
        var central = Assert.Single(fixture.Central.Packages).Arn;
        var flow = fixture.Deployment("""
            {"version":1,"routes":[
              {"name":"other","match":{"groupPattern":"fraud-*"},"target":{"type":"sageMakerPipeline","pipelineName":"fraud"}},
              {"name":"credit","match":{"tags":{"team":"credit"}},"target":{"type":"codePipeline","pipelineName":"credit-deploy","parameters":{"Arn":"${modelPackageArn}","From":"${sourceAccount}"}}}]}
            """);
        var approval = FlowFixture.Approval(central);

        await flow.RunAsync(approval, CancellationToken.None);
        await flow.RunAsync(approval, CancellationToken.None);
        await flow.RunAsync(FlowFixture.Approval(central), CancellationToken.None);

        Assert.Equal(2, fixture.Launcher.Starts.Count);
        var start = fixture.Launcher.Starts[0];
        Assert.Equal("credit-deploy", start.Target.PipelineName);
        Assert.Equal(central, start.Parameters["Arn"]);
        Assert.Equal("111111111111", start.Parameters["From"]);
        Assert.Equal(FlowKeys.ExecutionToken(approval.EventId), start.ClientToken);
        Assert.Equal(2, fixture.Notifier.Published.Count(n => n.EventType == NotificationEventType.DeploymentStarted));
        Assert.Equal(2, fixture.Ledger.AllEdges.Count(edge => edge.Relation == Relations.DeployedBy));
    }

    [Fact]
    public async Task Run_WhenNoRouteMatches_ShouldRecordTheDecisionAndStartNothing()
    {
        var fixture = await SyncedAsync();
        var central = Assert.Single(fixture.Central.Packages).Arn;

        var result = await fixture.Deployment("""{"version":1,"routes":[{"name":"x","match":{"groupRegex":"fraud-.*"},"target":{"type":"sageMakerPipeline","pipelineName":"p"}}]}""")
            .RunAsync(FlowFixture.Approval(central), CancellationToken.None);

        Assert.StartsWith("no deployment route matches group credit-risk", result.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Launcher.Starts);
        Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "deployment.no-route");
    }

    [Fact]
    public async Task Run_WhenRejected_ShouldRecordTheRejecterAndNotifyTheTeam()
    {
        var fixture = await SyncedAsync(ModelPackage.Rejected);
        var central = Assert.Single(fixture.Central.Packages).Arn;

        await fixture.Deployment(SageMakerRouting).RunAsync(FlowFixture.Approval(central, "Rejected"), CancellationToken.None);

        var notification = fixture.Notifier.Published[^1];
        Assert.Equal(NotificationEventType.ModelRejected, notification.EventType);
        Assert.Equal("credit", notification.Subject.Team);
        var record = Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "model.rejected");
        Assert.Equal("arn:aws:sts::111111111111:assumed-role/Approver/jane", record.Actor);
        Assert.Empty(fixture.Launcher.Starts);
    }

    [Fact]
    public async Task Run_WhenTheFlowCrashesBeforeAnyStep_ShouldStartOneExecutionAndNotifyOnceOnRedelivery()
    {
        for (var failAt = 1; failAt <= 7; failAt++)
        {
            var fixture = await SyncedAsync();
            var approval = FlowFixture.Approval(Assert.Single(fixture.Central.Packages).Arn);
            var before = fixture.Notifier.Published.Count;

            await Assert.ThrowsAsync<FlowFailedException>(() => fixture.Deployment(SageMakerRouting, new FaultPlan(failAt)).RunAsync(approval, CancellationToken.None));
            await fixture.Deployment(SageMakerRouting).RunAsync(approval, CancellationToken.None);

            Assert.Single(fixture.Launcher.Executions);
            Assert.Equal(before + 1, fixture.Notifier.Published.Count);
        }
    }

    [Fact]
    public async Task Run_WhenADeployedPackageOnlyChangesMetadata_ShouldRecordTheUpdateAndStartNothing()
    {
        var fixture = await SyncedAsync();
        var central = Assert.Single(fixture.Central.Packages).Arn;
        var flow = fixture.Deployment(SageMakerRouting);
        await flow.RunAsync(FlowFixture.Approval(central), CancellationToken.None);
        var published = fixture.Notifier.Published.Count;

        var result = await flow.RunAsync(FlowFixture.FromFixture("model-package-central-metadata-update.json", central), CancellationToken.None);

        Assert.Single(fixture.Launcher.Starts);
        Assert.Equal(published, fixture.Notifier.Published.Count);
        Assert.Contains("update of CustomerMetadataProperties recorded; no deployment", result.Reason, StringComparison.Ordinal);
        var update = Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == DeploymentTriggerFlow.ModelUpdatedKind);
        Assert.Equal("CustomerMetadataProperties", update.Attributes["updatedFields"]);
        Assert.Equal("arn:aws:sts::999988887777:assumed-role/ModelRiskManager/maria", update.Actor);
    }

    [Fact]
    public async Task Run_WhenTheLifecycleStageChanges_ShouldRecordTheStageOnTheTimelineAndStartNothing()
    {
        var fixture = await SyncedAsync();
        var central = Assert.Single(fixture.Central.Packages).Arn;

        await fixture.Deployment(SageMakerRouting).RunAsync(FlowFixture.FromFixture("model-package-central-lifecycle-update.json", central), CancellationToken.None);

        Assert.Empty(fixture.Launcher.Starts);
        var stage = Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == DeploymentTriggerFlow.LifeCycleKind);
        Assert.Equal(central, stage.Subject.Id);
        Assert.Equal(("staging", "Approved", "staging tests passed"), (stage.Attributes["stage"], stage.Attributes["stageStatus"], stage.Attributes["stageDescription"]));
    }

    private static string CentralArn(int version) => $"arn:aws:sagemaker:us-east-1:123456789012:model-package/credit-risk/{version}";

    [Fact]
    public async Task Run_WhenApprovedButThePackageWasRejectedSince_ShouldRecordTheEventAsStaleAndStartNothing()
    {
        var fixture = await SyncedAsync(ModelPackage.Rejected);
        var central = Assert.Single(fixture.Central.Packages).Arn;
        var before = fixture.Notifier.Published.Count;

        var result = await fixture.Deployment(SageMakerRouting).RunAsync(FlowFixture.Approval(central), CancellationToken.None);

        Assert.Equal("stale event: it says Approved, but the package is now Rejected; nothing was done", result.Reason);
        Assert.Empty(fixture.Launcher.Starts);
        Assert.Equal(before, fixture.Notifier.Published.Count);
        var stale = Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "approval.stale");
        Assert.Equal(new NodeRef(NodeTypes.CentralPackage, central), stale.Subject);
        Assert.Equal("Approved", stale.Attributes["eventStatus"]);
        Assert.Equal("Rejected", stale.Attributes["currentStatus"]);
        Assert.DoesNotContain(fixture.Ledger.AllRecords, record => record.Kind == "model.approved" && record.Subject.Type == NodeTypes.CentralPackage);
    }

    [Fact]
    public async Task Run_WhenRejectedButThePackageWasApprovedSince_ShouldRecordTheEventAsStaleAndNotifyNothing()
    {
        var fixture = await SyncedAsync(ModelPackage.Approved);
        var central = Assert.Single(fixture.Central.Packages).Arn;
        var before = fixture.Notifier.Published.Count;

        var result = await fixture.Deployment(SageMakerRouting).RunAsync(FlowFixture.Approval(central, "Rejected"), CancellationToken.None);

        Assert.StartsWith("stale event: it says Rejected, but the package is now Approved", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Notifier.Published.Count);
        Assert.DoesNotContain(fixture.Ledger.AllRecords, record => record.Kind == "model.rejected");
        Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "approval.stale");
    }

    private static async Task<FlowFixture> SyncedAsync(string decided = ModelPackage.Approved)
    {
        var fixture = new FlowFixture();
        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);
        fixture.Central.Decide(Assert.Single(fixture.Central.Packages).Arn, decided);
        return fixture;
    }
}
