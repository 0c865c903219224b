using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Monitors;

public class PipelineMonitorTests
{
    private const string MeerkatExecution = "f17023e4-eac9-4a52-8e9f-212e7a8d0d6e";
    private const string DeployExecution = "0c6f4a3e-2d1b-4c9a-8f7e-6d5c4b3a2910";
    private const string SageMakerExecution = "arn:aws:sagemaker:us-east-1:999988887777:pipeline/deploy-endpoint/execution/k2m4n6p8q0r1";

    [SharedFact]
    public async Task Meerkat_ReplayedInReceivedOrder_ShouldEndSucceededWithEveryPart()
    {
        var harness = new MonitorHarness();

        foreach (var parsed in MeerkatInReceivedOrder())
        {
            var outcome = await harness.HandleAsync(harness.Pipeline, parsed, CancellationToken.None);
            Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome);
            Assert.Empty(outcome.Notifications);
        }

        var state = await StateAsync(harness, MeerkatExecution);
        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        Assert.Equal(DeploymentStatus.Succeeded, state.Parts["Stage:Source"]);
        Assert.Equal(DeploymentStatus.Started, state.Parts["Stage:DeployToExternalAccount"]);
        Assert.Equal(DeploymentStatus.Succeeded, state.Parts["Action:DeployToExternalAccount/Deploy-RED"]);
        var node = await harness.Ledger.GetNodeAsync(new NodeRef(NodeTypes.PipelineExecution, MeerkatExecution), CancellationToken.None);
        Assert.Equal("meerkat", node!.Attributes[PipelineMonitor.PipelineNameAttribute]);
    }

    [SharedTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2024)]
    [InlineData(31337)]
    public async Task Meerkat_ReplayedInRandomOrderWithDuplicates_ShouldReachTheReceivedOrderState(int seed)
    {
        var inOrder = new MonitorHarness();
        foreach (var parsed in MeerkatInReceivedOrder())
        {
            await inOrder.HandleAsync(inOrder.Pipeline, parsed, CancellationToken.None);
        }

        var shuffled = new MonitorHarness();
        var events = MeerkatInReceivedOrder().Concat(MeerkatInReceivedOrder().Take(4)).ToArray();
        new Random(seed).Shuffle(events);
        foreach (var parsed in events)
        {
            await shuffled.HandleAsync(shuffled.Pipeline, parsed, CancellationToken.None);
        }

        var expected = await StateAsync(inOrder, MeerkatExecution);
        var actual = await StateAsync(shuffled, MeerkatExecution);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Parts, actual.Parts);
        Assert.Equal(expected.FailureReason, actual.FailureReason);
        var execution = new NodeRef(NodeTypes.PipelineExecution, MeerkatExecution);
        Assert.Equal(MeerkatInReceivedOrder().Count(), (await shuffled.TimelineAsync(execution)).Count);
    }

    [Fact]
    public async Task LinkedExecution_WhenActionThenPipelineFail_ShouldNotifyFailedWithTheActionReason()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync(DeployExecution);

        await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-started.json"), CancellationToken.None);
        var action = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-action-failed.json"), CancellationToken.None);
        var failed = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);

        Assert.Empty(action.Notifications);
        var notification = Assert.Single(failed.Notifications);
        Assert.Equal(NotificationEventType.DeploymentFailed, notification.EventType);
        Assert.Equal("fraud-detector", notification.Subject.ModelPackageGroup);
        Assert.Equal(12, notification.Subject.Version);
        Assert.Equal("fraud", notification.Subject.Team);
        Assert.Contains("ResourceLimitExceeded", notification.Details.GetProperty("failureReason").GetString(), StringComparison.Ordinal);
        var outcome = Assert.Single(await harness.TimelineAsync(MonitorHarness.CentralPackage));
        Assert.Equal("deployment.failed", outcome.Kind);
    }

    [Fact]
    public async Task LinkedExecution_WhenTerminalArrivesBeforeStarted_ShouldStayTerminalAndNotifyOnce()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync(DeployExecution);

        var failed = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);
        var lateStart = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-started.json"), CancellationToken.None);

        Assert.Single(failed.Notifications);
        Assert.Empty(lateStart.Notifications);
        Assert.Equal(DeploymentStatus.Failed, (await StateAsync(harness, DeployExecution)).Status);
    }

    [Fact]
    public async Task LinkedExecution_WhenRetriedAttemptSucceeds_ShouldNotifySucceededAndIgnoreTheOlderAttemptArrivingLate()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync(DeployExecution);

        var succeeded = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-retry-succeeded.json"), CancellationToken.None);
        var olderFailure = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);

        Assert.Equal(NotificationEventType.DeploymentSucceeded, Assert.Single(succeeded.Notifications).EventType);
        Assert.Empty(olderFailure.Notifications);
        Assert.Equal(DeploymentStatus.Succeeded, (await StateAsync(harness, DeployExecution)).Status);
    }

    [Fact]
    public async Task Duplicate_OfATerminalEvent_ShouldActOnce()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync(DeployExecution);

        var first = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);
        var second = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);

        Assert.Single(first.Notifications);
        Assert.Empty(second.Notifications);
        Assert.Empty(second.Result.Effects);
        Assert.Equal([.. first.Result.Effects, .. first.Result.AlreadyDone], second.Result.AlreadyDone);
        Assert.Contains(first.Result.Effects, effect => effect is NotificationSent);
        Assert.Single(await harness.TimelineAsync(new NodeRef(NodeTypes.PipelineExecution, DeployExecution)));
        Assert.Single(await harness.TimelineAsync(MonitorHarness.CentralPackage));
    }

    [Fact]
    public async Task SageMakerExecution_WhenFailedWithoutReason_ShouldTakeTheReasonFromTheFailedStep()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync(SageMakerExecution);

        await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("sagemaker-pipeline-step-failed.json"), CancellationToken.None);
        var failed = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("sagemaker-pipeline-failed.json"), CancellationToken.None);

        var notification = Assert.Single(failed.Notifications);
        Assert.Equal(NotificationEventType.DeploymentFailed, notification.EventType);
        Assert.Equal(PipelineObservations.SageMakerPipeline, notification.Details.GetProperty("pipelineKind").GetString());
        Assert.Equal("step CreateEndpoint: Lambda function failed: endpoint config fraud-cfg-12 not found",
            notification.Details.GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task SageMakerExecution_WhenStopped_ShouldNotifyStopped()
    {
        var harness = new MonitorHarness();
        await harness.LinkExecutionAsync("arn:aws:sagemaker:us-east-1:999988887777:pipeline/deploy-endpoint/execution/s7t8u9v0w1x2");

        var stopped = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("sagemaker-pipeline-stopped.json"), CancellationToken.None);

        Assert.Equal(NotificationEventType.DeploymentStopped, Assert.Single(stopped.Notifications).EventType);
    }

    [Fact]
    public async Task UnlinkedExecution_WhenFailed_ShouldBeRecordedWithoutNotification()
    {
        var harness = new MonitorHarness();

        var failed = await harness.HandleAsync(harness.Pipeline, MonitorHarness.Fixture("codepipeline-deploy-failed.json"), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Processed, failed.Result.Outcome);
        Assert.Empty(failed.Notifications);
        Assert.StartsWith("unlinked execution", failed.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("deploy-fraud-detector", failed.Result.Reason, StringComparison.Ordinal);
        Assert.Equal("pipeline.execution.failed", Assert.Single(await harness.TimelineAsync(new NodeRef(NodeTypes.PipelineExecution, DeployExecution))).Kind);
    }

    [Fact]
    public async Task ProcessedForm_WithoutEventId_ShouldGetTheSameContentIdOnRedelivery()
    {
        var first = MonitorHarness.Fixture("../../Fixtures/Events/codepipeline-pipeline-processed-failed.json");
        var again = MonitorHarness.Fixture("../../Fixtures/Events/codepipeline-pipeline-processed-failed.json");

        Assert.Null(first.Envelope.Id);
        Assert.StartsWith(EventIdentity.SyntheticPrefix, EventIdentity.Of(first), StringComparison.Ordinal);
        Assert.Equal(EventIdentity.Of(first), EventIdentity.Of(again));
    }

    private static IEnumerable<ParsedEvent> MeerkatInReceivedOrder() =>
        Directory.EnumerateFiles(SharedFolder.Combine("events"), "captured-meerkat-seq*.json", SearchOption.AllDirectories)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(file => MonitorHarness.Parse(File.ReadAllBytes(file)));

    private static async Task<ExecutionState> StateAsync(MonitorHarness harness, string executionId)
    {
        var records = await harness.TimelineAsync(new NodeRef(NodeTypes.PipelineExecution, executionId));
        return ExecutionState.Fold(records.Select(ExecutionObservation.FromRecord).OfType<ExecutionObservation>());
    }
}
