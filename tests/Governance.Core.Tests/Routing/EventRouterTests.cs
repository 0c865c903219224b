using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Routing;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Routing;

public class EventRouterTests
{
    private const string Central = "999988887777";
    private const string Team = "222233334444";
    private static readonly EventRouter Router = new(Central);

    [Theory]
    [InlineData(Team, "Approved", HandlerNames.RegistrySync)]
    [InlineData(Team, "Rejected", null)]
    [InlineData(Team, "PendingManualApproval", null)]
    [InlineData(Central, "Approved", HandlerNames.DeploymentTrigger)]
    [InlineData(Central, "Rejected", HandlerNames.DeploymentTrigger)]
    [InlineData(Central, "PendingManualApproval", HandlerNames.DeploymentTrigger)]
    public void Route_ModelPackageStateChange_ShouldDependOnOwnerAccountAndApprovalStatus(string account, string status, string? expected)
    {
        var decision = Router.Route(ModelPackageEvent(arnAccount: account, envelopeAccount: account, status));

        Assert.Equal(expected, decision.Handler);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [InlineData(Team, "Rejected")]
    [InlineData(Team, "PendingManualApproval")]
    [InlineData(Central, "PendingManualApproval")]
    public void Route_WhenModelPackageIsIgnored_ShouldNameStatusAndAccount(string account, string status)
    {
        var node = Node("model-package-approved-team.json");
        node["account"] = account;
        node["detail"]!["ModelPackageArn"] = $"arn:aws:sagemaker:eu-west-1:{account}:model-package/churn-model/3";
        node["detail"]!["ModelApprovalStatus"] = status;
        node["detail"]!.AsObject().Remove("UpdatedModelPackageFields");
        var decision = Router.Route(Parsed(Parse(node)));

        Assert.True(decision.IsIgnored);
        Assert.Contains(status, decision.Reason, StringComparison.Ordinal);
        Assert.Contains(account == Central ? "central account" : $"team account {Team}", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Team, Central)]
    [InlineData(Central, Team)]
    public void Parse_WhenEnvelopeAccountDisagreesWithThePackageAccount_ShouldRejectNamingBothAccounts(string arnAccount, string envelopeAccount)
    {
        var reason = Rejection(Parse(ModelPackageNode(arnAccount, envelopeAccount, "Approved")));

        Assert.Contains(arnAccount, reason, StringComparison.Ordinal);
        Assert.Contains(envelopeAccount, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline-execution-failed.json")]
    [InlineData("codepipeline-pipeline-float-version.json")]
    [InlineData("codepipeline-pipeline-processed-failed.json")]
    [InlineData("codepipeline-action-processed-failed.json")]
    public void Route_PipelineEvents_ShouldGoToPipelineMonitor(string fixture)
    {
        Assert.Equal(HandlerNames.PipelineMonitor, Router.Route(Parsed(Parse(fixture))).Handler);
    }

    [Fact]
    public void Route_StageEvent_ShouldGoToPipelineMonitor()
    {
        var node = Node("codepipeline-pipeline-float-version.json");
        node["detail-type"] = "CodePipeline Stage Execution State Change";
        node["detail"]!["stage"] = "Deploy";

        Assert.Equal(HandlerNames.PipelineMonitor, Router.Route(Parsed(Parse(node))).Handler);
    }

    [Fact]
    public void Route_PipelineStepEvent_ShouldGoToPipelineMonitor()
    {
        var node = Node("pipeline-execution-failed.json");
        node["detail-type"] = "SageMaker Model Building Pipeline Execution Step Status Change";
        var detail = node["detail"]!.AsObject();
        detail["stepName"] = "Train";
        detail["currentStepStatus"] = "Failed";
        detail["failureReason"] = "ClientError: out of memory";
        detail["metadata"] = new JsonObject { ["trainingJob"] = new JsonObject { ["arn"] = "arn:aws:sagemaker:us-east-1:555566667777:training-job/t1" } };

        var parsed = Parsed(Parse(node));

        var step = Assert.IsType<PipelineStepStatusChange>(parsed.Detail);
        Assert.Equal("arn:aws:sagemaker:us-east-1:555566667777:training-job/t1", step.JobArn);
        Assert.Equal("ClientError: out of memory", step.FailureReason);
        Assert.Equal(HandlerNames.PipelineMonitor, Router.Route(parsed).Handler);
    }

    [Theory]
    [InlineData("config-compliance-first-evaluation.json")]
    [InlineData("config-compliance-sns-string-message.json")]
    public void Route_ComplianceChanges_ShouldGoToComplianceMonitor(string fixture)
    {
        Assert.Equal(HandlerNames.ComplianceMonitor, Router.Route(Parsed(Parse(fixture))).Handler);
    }

    [Theory]
    [InlineData("sagemaker.amazonaws.com", HandlerNames.AuditTrail)]
    [InlineData("iam.amazonaws.com", HandlerNames.AuditTrail)]
    [InlineData("s3.amazonaws.com", HandlerNames.AuditTrail)]
    [InlineData("ec2.amazonaws.com", null)]
    [InlineData("metrics-sagemaker.amazonaws.com", null)]
    public void Route_CloudTrailCalls_ShouldAuditOnlyGovernedServices(string eventSource, string? expected)
    {
        var record = Node("cloudtrail-record-create-endpoint.json");
        record["eventSource"] = eventSource;
        var wrapped = Node("cloudtrail-eventbridge-update-model-package.json");
        wrapped["detail"]!["eventSource"] = eventSource;
        wrapped["source"] = "aws." + eventSource[..eventSource.IndexOf('.', StringComparison.Ordinal)];

        var fromRecord = Router.Route(Parsed(Parse(record)));
        var fromEventBridge = Router.Route(Parsed(Parse(wrapped)));

        Assert.Equal(expected, fromRecord.Handler);
        Assert.Equal(expected, fromEventBridge.Handler);
        if (expected is null)
        {
            Assert.Contains("not a governed service", fromRecord.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Route_UnrecognisedEvent_ShouldBeIgnoredNamingDetailTypeAndSource()
    {
        var decision = Router.Route(Parsed(Parse("endpoint-state-epoch-times.json")));

        Assert.True(decision.IsIgnored);
        Assert.Equal("SageMaker Endpoint State Change from aws.sagemaker is not an event the governance service handles", decision.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abcdefghijkl")]
    public void Constructor_WhenCentralAccountIsNotAnAccountId_ShouldThrow(string account)
    {
        Assert.Throws<ArgumentException>(() => new EventRouter(account));
    }

    [Fact]
    public void HandlerNames_All_ShouldListEveryHandlerOnce()
    {
        Assert.Equal(
            ["RegistrySync", "DeploymentTrigger", "PipelineMonitor", "ComplianceMonitor", "AuditTrail", "LineageApi", "LedgerAnchor"],
            HandlerNames.All);
    }

    private static ParsedEvent ModelPackageEvent(string arnAccount, string envelopeAccount, string status) =>
        Parsed(Parse(ModelPackageNode(arnAccount, envelopeAccount, status)));

    private static JsonObject ModelPackageNode(string arnAccount, string envelopeAccount, string status)
    {
        var node = Node("model-package-approved-team.json");
        node["account"] = envelopeAccount;
        node["detail"]!["ModelPackageArn"] = $"arn:aws:sagemaker:eu-west-1:{arnAccount}:model-package/churn-model/3";
        node["detail"]!["ModelApprovalStatus"] = status;
        return node;
    }
}
