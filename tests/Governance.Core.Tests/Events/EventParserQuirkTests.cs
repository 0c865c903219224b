using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Events;

/// <summary>One test per producer quirk listed in the sample events' README.</summary>
public class EventParserQuirkTests
{
    [Fact]
    public void Parse_WhenIntegerFieldsArriveAsIntegralFloats_ShouldReadThemAsIntegers()
    {
        var pipeline = Detail<CodePipelinePipelineExecutionStateChange>("codepipeline-pipeline-float-version.json");
        var package = Detail<ModelPackageStateChange>("model-package-approved-team.json");

        Assert.Equal(16, pipeline.PipelineVersion);
        Assert.Equal(2, pipeline.ExecutionAttempt);
        Assert.Equal(3, package.ModelPackageVersion);
    }

    [Fact]
    public void Parse_WhenIntegerFieldArrivesAsDigitString_ShouldReadIt()
    {
        var action = Detail<CodePipelineActionExecutionStateChange>("codepipeline-action-processed-failed.json");

        Assert.Equal(1, action.ExecutionAttempt);
        Assert.Equal("1", action.Type?.Version);
    }

    [Fact]
    public void Parse_WhenTimesAreEpochMillisecondNumbersAndStrings_ShouldReadThem()
    {
        var endpoint = Parsed(Parse("endpoint-state-epoch-times.json"));
        var package = Detail<ModelPackageStateChange>("model-package-approved-team.json");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717600000123), endpoint.Envelope.Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1715677800123), package.CreationTime);
    }

    [Fact]
    public void Parse_WhenTimeHasNineFractionalDigits_ShouldKeepSevenAndDropTheRest()
    {
        var package = Detail<ModelPackageStateChange>("model-package-approved-team.json");

        var expected = new DateTimeOffset(2024, 5, 14, 9, 12, 2, TimeSpan.Zero).AddTicks(1234567);
        Assert.Equal(expected, package.LastModifiedTime);
    }

    [Fact]
    public void Parse_WhenSourceKeyIsDuplicatedAndLastValueIsAnArray_ShouldUseItsSingleString()
    {
        var parsed = Parsed(Parse("model-package-duplicate-source.json"));

        Assert.Equal("aws.sagemaker", parsed.Envelope.Source);
        Assert.Equal(EventKind.ModelPackageStateChange, parsed.Kind);
        Assert.Equal(ModelApprovalStatus.Rejected, Assert.IsType<ModelPackageStateChange>(parsed.Detail).ApprovalStatus);
    }

    [Fact]
    public void Parse_WhenSourceArrayHoldsTwoValues_ShouldRejectNamingSource()
    {
        var node = Node("pipeline-execution-failed.json");
        node["source"] = new JsonArray("aws.sagemaker", "aws.other");

        Assert.Equal("source is an array of 2 values, expected one string", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenOldEvaluationResultIsAbsent_ShouldParseAFirstEvaluation()
    {
        var change = Detail<ConfigRulesComplianceChange>("config-compliance-first-evaluation.json");

        Assert.Null(change.OldEvaluation);
        Assert.Equal(ComplianceType.NonCompliant, change.NewEvaluation.ComplianceType);
        Assert.Equal("AWS::SageMaker::EndpointConfig", change.ResourceType);
        Assert.Equal("fraud-endpoint", change.ResourceId);
        Assert.Equal("DETECTIVE", change.NewEvaluation.EvaluationMode);
    }

    [Fact]
    public void Parse_WhenAnnotationStartsWithNewline_ShouldTrimIt()
    {
        var change = Detail<ConfigRulesComplianceChange>("config-compliance-first-evaluation.json");

        Assert.Equal("Endpoint config has no KMS key.", change.NewEvaluation.Annotation);
    }

    [Fact]
    public void Parse_WhenConfigEventTimeIsCorrupted_ShouldRejectQuotingTheTime()
    {
        var reason = Rejection(Parse("config-compliance-corrupted-time.json"));

        Assert.Equal("time \"2022-03-02T00: 09: 06Z\" is not a timestamp", reason);
    }

    [Fact]
    public void Parse_WhenComplianceArrivesAsSnsNotificationWithStringMessage_ShouldParseTheMessage()
    {
        var parsed = Parsed(Parse("config-compliance-sns-string-message.json"));

        var change = Assert.IsType<ConfigRulesComplianceChange>(parsed.Detail);
        Assert.Equal(EventForm.SnsNotification, parsed.Envelope.Form);
        Assert.Equal(EventKind.ConfigRulesComplianceChange, parsed.Kind);
        Assert.Equal("7a6b5c4d-3e2f-5a1b-9c8d-7e6f5a4b3c2d", parsed.Envelope.Id);
        Assert.Equal("555566667777", parsed.Envelope.Account);
        Assert.Equal(ComplianceType.Compliant, change.NewEvaluation.ComplianceType);
        Assert.Null(change.NewEvaluation.Annotation);
        Assert.Equal(ComplianceType.NonCompliant, change.OldEvaluation?.ComplianceType);
    }

    [Fact]
    public void Parse_WhenSnsMessageIsAWholeEventBridgeEvent_ShouldParseTheInnerEvent()
    {
        var sns = Node("config-compliance-sns-string-message.json");
        sns["Message"] = Encoding.UTF8.GetString(Bytes("pipeline-execution-failed.json"));

        var parsed = Parsed(Parse(sns));

        Assert.Equal(EventKind.PipelineExecutionStatusChange, parsed.Kind);
        Assert.Equal("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70", parsed.Envelope.Id);
    }

    [Fact]
    public void Parse_WhenSnsMessageIsPlainText_ShouldBeUnrecognised()
    {
        var sns = Node("config-compliance-sns-string-message.json");
        sns["Message"] = "hello subscribers";

        var parsed = Parsed(Parse(sns));

        Assert.Equal(EventKind.Unrecognised, parsed.Kind);
        Assert.Equal(EventKinds.SnsSource, parsed.Envelope.Source);
    }

    [Fact]
    public void Parse_WhenResponseElementsIsNull_ShouldKeepRequestParametersAndNullResponse()
    {
        var call = Detail<CloudTrailApiCall>("cloudtrail-eventbridge-update-model-package.json");

        Assert.Null(call.ResponseElements);
        Assert.Equal("Approved", call.RequestParameters?.GetProperty("modelApprovalStatus").GetString());
        Assert.Equal("AccessDeniedException", call.ErrorCode);
        Assert.Equal("198.51.100.23", call.SourceIpAddress);
        Assert.Equal("aws-cli/2.15.0 Python/3.11.6", call.UserAgent);
        Assert.Equal("arn:aws:sts::555566667777:assumed-role/ModelRiskManager/bob", call.UserIdentity?.Arn);
        Assert.Equal("arn:aws:iam::555566667777:role/ModelRiskManager", call.UserIdentity?.SessionIssuerArn);
    }

    [Fact]
    public void Parse_WhenBooleansArriveAsStrings_ShouldReadThem()
    {
        var fromEventBridge = Detail<CloudTrailApiCall>("cloudtrail-eventbridge-update-model-package.json");
        var fromRecord = Detail<CloudTrailApiCall>("cloudtrail-record-create-endpoint.json");

        Assert.True(fromEventBridge.UserIdentity?.MfaAuthenticated);
        Assert.False(fromEventBridge.ReadOnly);
        Assert.False(fromRecord.ReadOnly);
    }

    [Fact]
    public void Parse_WhenGivenARawCloudTrailRecord_ShouldBuildTheEnvelopeFromTheRecord()
    {
        var parsed = Parsed(Parse("cloudtrail-record-create-endpoint.json"));

        var call = Assert.IsType<CloudTrailApiCall>(parsed.Detail);
        Assert.Equal(EventForm.CloudTrailRecord, parsed.Envelope.Form);
        Assert.Equal(EventKind.CloudTrailApiCall, parsed.Kind);
        Assert.Equal("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", parsed.Envelope.Id);
        Assert.Equal("aws.sagemaker", parsed.Envelope.Source);
        Assert.Equal(EventKinds.CloudTrailApiCall, parsed.Envelope.DetailType);
        Assert.Equal("555566667777", parsed.Envelope.Account);
        Assert.Equal(new DateTimeOffset(2024, 6, 5, 15, 0, 0, 250, TimeSpan.Zero), parsed.Envelope.Time);
        Assert.Equal(["arn:aws:sagemaker:us-east-1:555566667777:endpoint/fraud-endpoint"], parsed.Envelope.Resources);
        Assert.Equal("CreateEndpoint", call.EventName);
        Assert.Equal("codepipeline.amazonaws.com", call.UserIdentity?.InvokedBy);
        Assert.Equal("fraud-endpoint", call.RequestParameters?.GetProperty("endpointName").GetString());
    }

    [Fact]
    public void Parse_WhenGivenTheProcessedCodePipelineForm_ShouldReadDetailTypeAndAdditionalAttributes()
    {
        var parsed = Parsed(Parse("codepipeline-action-processed-failed.json"));

        var action = Assert.IsType<CodePipelineActionExecutionStateChange>(parsed.Detail);
        Assert.Equal(EventForm.CodeStarNotification, parsed.Envelope.Form);
        Assert.Null(parsed.Envelope.Id);
        Assert.StartsWith("arn:aws:codestar-notifications:", parsed.Envelope.NotificationRuleArn, StringComparison.Ordinal);
        Assert.Equal(CodePipelineState.Failed, action.State);
        Assert.Equal("Deploy", action.Stage);
        Assert.Equal("DeployEndpoint", action.Action);
        Assert.Equal("us-west-2", action.ActionRegion);
        Assert.Equal("JobFailed", action.Result?.ErrorCode);
        Assert.Equal("Deployment d-ABCDEFGHI failed", action.AdditionalInformation);
    }

    [Fact]
    public void Parse_WhenProcessedPipelineFailed_ShouldReadFailedStageAndActions()
    {
        var pipeline = Detail<CodePipelinePipelineExecutionStateChange>("codepipeline-pipeline-processed-failed.json");

        Assert.Equal(CodePipelineState.Failed, pipeline.State);
        Assert.Equal("Deploy", pipeline.FailedStage);
        var failed = Assert.Single(pipeline.FailedActions);
        Assert.Equal(new CodePipelineFailedAction("DeployEndpoint", "Deployment d-ABCDEFGHI failed"), failed);
    }

    [Fact]
    public void Parse_WhenFieldIsJsonInsideAString_ShouldKeepTheStringAsSent()
    {
        var action = Detail<CodePipelineActionExecutionStateChange>("codepipeline-action-processed-failed.json");

        using var inner = JsonDocument.Parse(action.Result!.ExternalExecutionSummary!);
        Assert.Equal("CodeDeploy", inner.RootElement.GetProperty("ProviderType").GetString());
    }

    [Fact]
    public void Parse_WhenKeysUseDifferentCasing_ShouldFindThem()
    {
        var node = Node("model-package-approved-team.json");
        var detail = node["detail"]!.AsObject();
        var arn = detail["ModelPackageArn"]!.GetValue<string>();
        detail.Remove("ModelPackageArn");
        detail.Remove("ModelApprovalStatus");
        detail["modelPackageArn"] = arn;
        detail["modelApprovalStatus"] = "APPROVED";

        var change = Assert.IsType<ModelPackageStateChange>(Parsed(Parse(node)).Detail);

        Assert.Equal(arn, change.ModelPackageArn.ToString());
        Assert.Equal(ModelApprovalStatus.Approved, change.ApprovalStatus);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData(null)]
    public void Parse_WhenOptionalFieldIsNullEmptyOrAbsent_ShouldReadItAsNull(string? value)
    {
        var node = Node("model-package-approved-team.json");
        var detail = node["detail"]!.AsObject();
        detail.Remove("ApprovalDescription");
        if (value is not null)
        {
            detail["ApprovalDescription"] = JsonNode.Parse(value);
        }

        var change = Assert.IsType<ModelPackageStateChange>(Parsed(Parse(node)).Detail);

        Assert.Null(change.ApprovalDescription);
    }

    [Fact]
    public void Parse_WhenModelPackageFieldsAreRead_ShouldKeepWhatTheServiceRecords()
    {
        var parsed = Parsed(Parse("model-package-approved-team.json"));
        var change = Assert.IsType<ModelPackageStateChange>(parsed.Detail);

        Assert.Equal("222233334444", change.OwnerAccount);
        Assert.Equal("churn-model", change.ModelPackageGroupName);
        Assert.Equal("Completed", change.ModelPackageStatus);
        Assert.Equal("metrics reviewed", change.ApprovalDescription);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:222233334444:pipeline/churn-train/execution/k2j4h6g8f0d2", change.GeneratedBy);
        Assert.Equal("arn:aws:sts::222233334444:assumed-role/TeamApprover/alice", change.LastModifiedBy?.IamIdentityArn);
        Assert.Equal(["ModelApprovalStatus", "ApprovalDescription"], change.UpdatedFields);
        Assert.Equal("churn-model", parsed.Envelope.Detail.GetProperty("ModelPackageGroupName").GetString());
    }

    [Fact]
    public void Parse_WhenGroupAndVersionAreAbsent_ShouldTakeThemFromTheArn()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!.AsObject().Remove("ModelPackageGroupName");
        node["detail"]!.AsObject().Remove("ModelPackageVersion");

        var change = Assert.IsType<ModelPackageStateChange>(Parsed(Parse(node)).Detail);

        Assert.Equal("churn-model", change.ModelPackageGroupName);
        Assert.Equal(3, change.ModelPackageVersion);
    }

    [Fact]
    public void Parse_WhenUnknownKeysAreAdded_ShouldIgnoreThem()
    {
        var node = Node("pipeline-execution-failed.json");
        node["debug"] = true;

        Assert.Equal(EventKind.PipelineExecutionStatusChange, Parsed(Parse(node)).Kind);
    }

    [Fact]
    public void Parse_WhenInputStartsWithAByteOrderMark_ShouldParse()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Bytes("pipeline-execution-failed.json")).ToArray();

        Assert.Equal(EventKind.PipelineExecutionStatusChange, Parsed(EventParser.Parse(bytes)).Kind);
    }

    [Fact]
    public void Parse_WhenDetailTypeIsUnknown_ShouldParseAsUnrecognisedKeepingTheRawDetail()
    {
        var parsed = Parsed(Parse("endpoint-state-epoch-times.json"));

        Assert.Equal(EventKind.Unrecognised, parsed.Kind);
        Assert.Same(UnrecognisedDetail.Instance, parsed.Detail);
        Assert.Equal("IN_SERVICE", parsed.Envelope.Detail.GetProperty("EndpointStatus").GetString());
    }

    [Fact]
    public void Parse_WhenDone_ShouldNotReferToTheCallersBuffer()
    {
        var bytes = Bytes("cloudtrail-record-create-endpoint.json");
        var parsed = Parsed(EventParser.Parse(bytes));
        Array.Clear(bytes);

        var call = Assert.IsType<CloudTrailApiCall>(parsed.Detail);
        Assert.Equal("fraud-endpoint", call.RequestParameters?.GetProperty("endpointName").GetString());
        Assert.Equal("CreateEndpoint", parsed.Envelope.Detail.GetProperty("eventName").GetString());
    }
}
