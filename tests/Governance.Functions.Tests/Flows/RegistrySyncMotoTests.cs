using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Core.Registry;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;

namespace Governance.Functions.Tests.Flows;

/// <summary>RegistrySync and DeploymentTrigger end to end on moto_server: team account by AssumeRole, central account, SNS to SQS.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class RegistrySyncMotoTests(MotoServer moto)
{
    [Fact]
    public async Task TeamApproval_WhenCompliant_ShouldCreateCentralCopyWithCopiedArtifactsLineageAndNotification()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync();
        var (function, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        var central = Assert.Single(await bed.CentralPackagesAsync());
        Assert.Equal("PendingManualApproval", central.ApprovalStatus);
        var described = await bed.CentralSageMaker.DescribeModelPackageAsync(central.Arn, CancellationToken.None);
        Assert.Equal(source, described.CustomerMetadata[ProvenanceTags.SourcePackageArn]);
        Assert.Equal(FlowBed.TeamAccount, described.CustomerMetadata[ProvenanceTags.SourceAccount]);
        Assert.Equal(FlowBed.Approver, described.CustomerMetadata["governance:source-approver"]);
        Assert.Equal("high", described.CustomerMetadata["risk-tier"]);
        var container = Assert.Single(described.Containers);
        Assert.Equal($"s3://{bed.CentralBucket}/{FlowBed.TeamAccount}/{bed.TeamGroup}/1/model-data/model.tar.gz", container.ModelDataUrl);
        Assert.Contains("@sha256:", container.Image, StringComparison.Ordinal);
        var metrics = described.Document.GetProperty("ModelMetrics");
        Assert.StartsWith($"s3://{bed.CentralBucket}/", metrics.GetProperty("Bias").GetProperty("Report").GetProperty("S3Uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await bed.ObjectKeysAsync(bed.CentralBucket)).Count);

        var lineage = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central.Arn), LineageDirection.Upstream, null, new PageRequest(50, null), CancellationToken.None);
        Assert.Contains(lineage.Items, edge => edge.From == new NodeRef(NodeTypes.SourcePackage, source) && edge.Relation == Relations.CopiedTo);
        Assert.Equal(3, lineage.Items.Count(edge => edge.From.Type == NodeTypes.Artifact));
        Assert.Contains(lineage.Items, edge => edge.From.Type == NodeTypes.Image);
        var artifact = await bed.Ledger.GetNodeAsync(lineage.Items.First(edge => edge.From.Type == NodeTypes.Artifact).From, CancellationToken.None);
        Assert.StartsWith($"s3://{bed.CentralBucket}/", artifact!.Attributes["uri"], StringComparison.Ordinal);
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(50, null), CancellationToken.None);
        Assert.Equal(
            ["model.approved", "policy.decision", "artifact.copied", "artifact.copied", "artifact.copied", "model.submitted", "notification.published"],
            timeline.Items.Select(record => record.Kind));

        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("model.submitted", eventType);
        Assert.Equal(central.Arn, body.GetProperty("details").GetProperty("centralPackageArn").GetString());
        var created = Assert.Single(result.GetProperty("effects").EnumerateArray(), effect => effect.GetProperty("type").GetString() == "central-package.created");
        Assert.Equal(central.Arn, created.GetProperty("centralPackageArn").GetString());
        Assert.Equal(source, created.GetProperty("sourcePackageArn").GetString());
    }

    [Fact]
    public async Task TeamApproval_OfAnUncompressedModel_ShouldCopyEachObjectUnderItsPrefixAndPointTheCentralCopyThere()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        await bed.PutTeamObjectsAsync(new Dictionary<string, string> { ["v1/model/weights.bin"] = "weights", ["v1/model/code/inference.py"] = "def predict(): pass" });
        var source = await bed.TeamPackageAsync(modelData: $"s3://{bed.TeamBucket}/v1/model/");
        var (function, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        var central = Assert.Single(await bed.CentralPackagesAsync());
        var described = await bed.CentralSageMaker.DescribeModelPackageAsync(central.Arn, CancellationToken.None);
        var prefix = $"{FlowBed.TeamAccount}/{bed.TeamGroup}/1/model-data/model/";
        Assert.Equal($"s3://{bed.CentralBucket}/{prefix}", Assert.Single(described.Containers).ModelDataUrl);
        var keys = await bed.ObjectKeysAsync(bed.CentralBucket);
        Assert.Contains(prefix + "weights.bin", keys);
        Assert.Contains(prefix + "code/inference.py", keys);
        var copied = result.GetProperty("effects").EnumerateArray().Where(effect => effect.GetProperty("type").GetString() == "artifact.copied").ToList();
        Assert.Contains(copied, effect => effect.GetProperty("sha256").GetString() == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8)));
    }

    [Fact]
    public async Task TeamApproval_WhenAnotherTeamOwnsTheCentralGroupOfThatName_ShouldBlockAndMergeNothing()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        await bed.CentralSageMaker.CreateModelPackageGroupAsync(
            new Governance.Aws.SageMaker.CreateModelPackageGroupRequest(bed.TeamGroup)
            {
                Tags = [new Governance.Aws.SageMaker.ResourceTag(ProvenanceTags.SourceAccount, "222222222222")],
            },
            CancellationToken.None);
        var source = await bed.TeamPackageAsync();
        var (function, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        Assert.Contains("centralGroupOwnership", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await bed.CentralPackagesAsync());
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("model.blocked", eventType);
        Assert.Contains("holds the models of team account 222222222222", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamApproval_WhenModelDataIsInAnotherAccountsBucket_ShouldBlockNamingTheBucketAndItsOwner()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var centralBucket = "sagemaker-us-east-1-" + FlowBed.CentralAccount + "-" + MotoServer.UniqueName("b")[2..];
        using var central = bed.Sdk.S3(FlowBed.SdkCredentials);
        await central.PutBucketAsync(centralBucket);
        await central.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = centralBucket, Key = "secret/model.tar.gz", ContentBody = "central weights" });
        var source = await bed.TeamPackageAsync(modelData: $"s3://{centralBucket}/secret/model.tar.gz");
        var (function, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        Assert.Equal("blocked by policy: Blocked: 1 of 8 rules failed (artifactOwnership).", result.GetProperty("reason").GetString());
        Assert.Empty(await bed.CentralPackagesAsync());
        Assert.Empty(await bed.ObjectKeysAsync(bed.CentralBucket));
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("model.blocked", eventType);
        var violation = Assert.Single(body.GetProperty("details").GetProperty("violations").EnumerateArray());
        Assert.Equal("artifactOwnership", violation.GetProperty("rule").GetString());
        Assert.StartsWith(
            $"Model data 's3://{centralBucket}/secret/model.tar.gz' is in bucket '{centralBucket}', owned by account {FlowBed.CentralAccount}, not the package's account {FlowBed.TeamAccount};",
            violation.GetProperty("explanation").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamApproval_WhenPolicyBlocks_ShouldCreateNothingCentrallyAndNotifyBlockedWithReasons()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync(compliant: false);
        var (function, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        Assert.StartsWith("blocked by policy", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await bed.CentralPackagesAsync());
        Assert.Empty(await bed.ObjectKeysAsync(bed.CentralBucket));
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("model.blocked", eventType);
        var violations = body.GetProperty("details").GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToList();
        Assert.Contains("imageDigest", violations);
        Assert.Contains("requiredCustomerMetadata", violations);
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(50, null), CancellationToken.None);
        var decision = Assert.Single(timeline.Items, record => record.Kind == "policy.decision");
        Assert.Equal("blocked", decision.Attributes["outcome"]);
        Assert.Contains("model.blocked", timeline.Items.Select(record => record.Kind));
    }

    [Fact]
    public async Task CentralApproval_AfterSync_ShouldStartOnePipelineExecutionRecordItAndNotify()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var central = await SyncAsync(bed);
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);

        var approval = await bed.CentralDecisionAsync(central, "Approved");
        var result = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, approval);
        var again = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, approval);

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        Assert.StartsWith("already handled", again.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        var execution = Assert.Single(executions.Items).To.Id;
        var described = await bed.DescribePipelineExecutionAsync(execution);
        Assert.Contains(bed.Pipeline, described.GetProperty("PipelineArn").GetString(), StringComparison.Ordinal);
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("deployment.started", eventType);
        Assert.Equal(execution, body.GetProperty("details").GetProperty("executionId").GetString());

        var secondApproval = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"));
        Assert.Equal("processed", secondApproval.GetProperty("outcome").GetString());
        executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        Assert.Equal(2, executions.Items.Count);
    }

    [Fact]
    public async Task CentralRejection_ShouldRecordItAndNotifyTheOwningTeam()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var central = await SyncAsync(bed);
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);

        var result = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Rejected"));

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("model.rejected", eventType);
        Assert.Equal(bed.Team, body.GetProperty("team").GetString());
        Assert.Equal(FlowBed.RiskManager, body.GetProperty("details").GetProperty("rejectedBy").GetString());
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.CentralPackage, central), new PageRequest(50, null), CancellationToken.None);
        var rejected = Assert.Single(timeline.Items, record => record.Kind == "model.rejected");
        Assert.Equal(FlowBed.RiskManager, rejected.Actor);
        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        Assert.Empty(executions.Items);
    }

    [Fact]
    public async Task CentralApproval_WhenDeliveredAfterTheRejection_ShouldRecordItAsStaleAndStartNothing()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var central = await SyncAsync(bed);
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);
        var approval = await bed.CentralDecisionAsync(central, "Approved");
        await ApprovalEvent.DecideAsync(bed.CentralSageMaker, central, "Rejected");

        var result = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, approval);

        Assert.Equal("stale event: it says Approved, but the package is now Rejected; nothing was done", result.GetProperty("reason").GetString());
        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        Assert.Empty(executions.Items);
        Assert.Empty(await bed.NotificationsAsync());
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.CentralPackage, central), new PageRequest(50, null), CancellationToken.None);
        var stale = Assert.Single(timeline.Items, record => record.Kind == "approval.stale");
        Assert.Equal("Rejected", stale.Attributes["currentStatus"]);
    }

    [Fact]
    public async Task TeamApproval_WhenDeliveredAfterTheTeamRejectedThePackage_ShouldRecordItAsStaleAndSyncNothing()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync();
        var approval = await bed.TeamApprovalAsync(source);
        await ApprovalEvent.DecideAsync(bed.TeamSageMaker, source, "Rejected");
        var (sync, _) = bed.Function(HandlerNames.RegistrySync);

        var result = await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval);

        Assert.Equal("stale event: it says Approved, but the package is now Rejected; nothing was done", result.GetProperty("reason").GetString());
        Assert.Empty(await bed.CentralPackagesAsync());
        Assert.Empty(await bed.ObjectKeysAsync(bed.CentralBucket));
        Assert.Empty(await bed.NotificationsAsync());
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(50, null), CancellationToken.None);
        Assert.Equal(["approval.stale"], timeline.Items.Select(record => record.Kind));
    }

    /// <summary>Syncs a compliant package and drains its notification; returns the central package ARN.</summary>
    internal static async Task<string> SyncAsync(FlowBed bed)
    {
        var (sync, _) = bed.Function(HandlerNames.RegistrySync);
        var result = await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(await bed.TeamPackageAsync()));
        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        await bed.NotificationsAsync();
        return Assert.Single(await bed.CentralPackagesAsync()).Arn;
    }
}
