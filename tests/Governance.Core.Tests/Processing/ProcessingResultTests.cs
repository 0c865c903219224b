using System.Text.Json;
using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Processing;
using Governance.Core.Routing;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Processing;

public class ProcessingResultTests
{
    [Fact]
    public void Serialize_ShouldWriteTheCamelCasePropertiesWithEachEffectTyped()
    {
        var subject = new NodeRef(NodeTypes.SourcePackage, "arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/3");
        var result = new ProcessingResult("id-1", "aws.sagemaker", "SageMaker Model Package State Change", HandlerNames.RegistrySync,
            ProcessingOutcome.Processed, null, [new RecordAppended(subject, "model.approved", 1, "id-1#received"), new NotificationSent("model.submitted", "n-1", "m-1")])
        {
            AlreadyDone = [new ViolationStateSet(new NodeRef(NodeTypes.Violation, "v"), ViolationStatus.Open)],
        };

        var json = JsonSerializer.Serialize(result, ProcessingJsonContext.Default.ProcessingResult);
        var back = JsonSerializer.Deserialize(json, ProcessingJsonContext.Default.ProcessingResult);

        Assert.Equal(
            """
            {"eventId":"id-1","source":"aws.sagemaker","detailType":"SageMaker Model Package State Change","handler":"RegistrySync","outcome":"processed","reason":null,"effects":[{"type":"record.appended","subject":"SourcePackage:arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/3","kind":"model.approved","sequence":1,"recordEventId":"id-1#received"},{"type":"notification.sent","eventType":"model.submitted","notificationId":"n-1","messageId":"m-1"}],"alreadyDone":[{"type":"violation.set","violation":"Violation:v","status":"Open"}]}
            """,
            json);
        Assert.Equal(result.Effects, back!.Effects);
        Assert.Equal(result.AlreadyDone, back.AlreadyDone);
    }

    [Theory]
    [InlineData(ProcessingOutcome.Processed, "processed")]
    [InlineData(ProcessingOutcome.Ignored, "ignored")]
    [InlineData(ProcessingOutcome.Rejected, "rejected")]
    [InlineData(ProcessingOutcome.Failed, "failed")]
    public void Serialize_ShouldWriteOutcomeInLowerCaseAndReadItBack(ProcessingOutcome outcome, string expected)
    {
        var result = new ProcessingResult(null, null, null, null, outcome, "why", []);

        var json = JsonSerializer.Serialize(result, ProcessingJsonContext.Default.ProcessingResult);
        var back = JsonSerializer.Deserialize(json, ProcessingJsonContext.Default.ProcessingResult);

        Assert.Contains($"\"outcome\":\"{expected}\"", json, StringComparison.Ordinal);
        Assert.Equal(outcome, back?.Outcome);
    }

    [Fact]
    public void Rejected_ShouldCarryTheReasonAndWhatTheEnvelopeGave()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!.AsObject().Remove("ModelPackageArn");

        var result = ProcessingResults.Rejected(Assert.IsType<RejectedEvent>(Parse(node)));

        Assert.Equal(
            new ProcessingResult("6f1c2a9e-3b7d-4c1e-9a2f-0d4b8e7c5a11", "aws.sagemaker", "SageMaker Model Package State Change", null,
                ProcessingOutcome.Rejected, "detail.ModelPackageArn is missing", []),
            result with { Effects = [] });
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Unprocessed_WhenRouterIgnoresTheEvent_ShouldBuildAnIgnoredResult()
    {
        var parsed = Parse("endpoint-state-epoch-times.json");

        var result = ProcessingResults.Unprocessed(parsed, new EventRouter("999988887777"));

        Assert.NotNull(result);
        Assert.Equal(ProcessingOutcome.Ignored, result.Outcome);
        Assert.Null(result.Handler);
        Assert.Equal("f0e1d2c3-b4a5-4968-8776-655443322110", result.EventId);
        Assert.Contains("not an event the governance service handles", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprocessed_WhenEventHasAHandler_ShouldReturnNull()
    {
        Assert.Null(ProcessingResults.Unprocessed(Parse("pipeline-execution-failed.json"), new EventRouter("999988887777")));
    }

    [Fact]
    public void Processed_ShouldCarryHandlerAndEffects()
    {
        var parsed = Parsed(Parse("pipeline-execution-failed.json"));

        Effect sent = new NotificationSent("deployment.failed", "n-1", "m-1");
        Effect found = new NotificationQueued("deployment.failed", "n-1", null);

        var result = ProcessingResults.Processed(parsed, HandlerNames.PipelineMonitor, new HandledEvent("why", [sent], [found]));

        Assert.Equal(ProcessingOutcome.Processed, result.Outcome);
        Assert.Equal(HandlerNames.PipelineMonitor, result.Handler);
        Assert.Equal("SageMaker Model Building Pipeline Execution Status Change", result.DetailType);
        Assert.Equal("why", result.Reason);
        Assert.Equal([sent], result.Effects);
        Assert.Equal([found], result.AlreadyDone);
    }
}
