using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Routing;
using Governance.Testing;

namespace Governance.Core.Tests.Monitors;

/// <summary>Changes to the deployment machinery (pipelines, build projects, deployment stacks) are recorded; outsiders' changes alert.</summary>
public sealed class ChangeManagementTests
{
    private const string Central = MonitorHarness.CentralAccount;
    private static readonly NodeRef RoutedPipeline = new(NodeTypes.DeploymentResource, $"arn:aws:codepipeline:us-east-1:{Central}:model-deployment-codepipeline");

    private static MonitorHarness Routed()
    {
        var harness = new MonitorHarness();
        harness.Settings.ChangeManagement.WithRoutes([("codepipeline-teams", "model-deployment-codepipeline")]);
        return harness;
    }

    private static AuditTrail AuditTrailOf(MonitorHarness harness) => new(harness.Effects(), harness.Ledger, harness.Packages, harness.Settings);

    [Fact]
    public async Task PipelineDefinitionChange_ByAnOutsiderInTheCentralAccount_ShouldAlertAndRecordTheRoutesItServes()
    {
        var harness = Routed();

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), MonitorHarness.Fixture("cloudtrail-update-pipeline-by-intern.json"), CancellationToken.None);

        var alert = Assert.Single(outcome.Notifications);
        Assert.Equal(NotificationEventType.AuditAlert, alert.EventType);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Contains("UpdatePipeline on deployment machinery " + RoutedPipeline.Id, alert.Details.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var record = Assert.Single(await harness.TimelineAsync(RoutedPipeline));
        Assert.Equal("audit.UpdatePipeline", record.Kind);
        Assert.Equal("codepipeline-teams", record.Attributes[AuditKinds.RoutesAttribute]);
        Assert.StartsWith("MachineryChangedOutsidePlatformRoles", record.Attributes["alerts"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineDefinitionChange_ShouldKeepItsStructureButNeverItsActionConfiguration()
    {
        var harness = Routed();

        await harness.HandleAsync(AuditTrailOf(harness), MonitorHarness.Fixture("cloudtrail-update-pipeline-by-intern.json"), CancellationToken.None);

        var request = (await harness.TimelineAsync(RoutedPipeline))[0].Attributes["request"];
        Assert.Contains("\"pipeline.stages[0].actions[0].actionTypeId.provider\":\"CodeBuild\"", request, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", request, StringComparison.Ordinal);
        Assert.DoesNotContain("EnvironmentVariables", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineDefinitionChange_ByAPlatformRole_ShouldBeRecordedWithoutAlert()
    {
        var harness = Routed();
        var byPlatform = MonitorHarness.FixtureWith("cloudtrail-update-pipeline-by-intern.json", node =>
            node["detail"]!["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["arn"] = $"arn:aws:sts::{Central}:assumed-role/PlatformAdmin/ops",
                ["accountId"] = Central,
                ["sessionContext"] = new JsonObject { ["sessionIssuer"] = new JsonObject { ["type"] = "Role", ["arn"] = $"arn:aws:iam::{Central}:role/PlatformAdmin" } },
            });

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), byPlatform, CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(RoutedPipeline));
        Assert.False(record.Attributes.ContainsKey("alerts"));
    }

    [Fact]
    public async Task PipelineStart_ByCodePipelineItselfOnASourceChange_ShouldBeRecordedWithoutAlert()
    {
        var harness = Routed();
        var bySource = MonitorHarness.FixtureWith("cloudtrail-update-pipeline-by-intern.json", node =>
        {
            node["detail"]!["eventName"] = "StartPipelineExecution";
            node["detail"]!["requestParameters"] = new JsonObject { ["name"] = "model-deployment-codepipeline" };
            node["detail"]!["responseElements"] = new JsonObject { ["pipelineExecutionId"] = "0f2b3c4d-1111-4222-8333-444455556666" };
            node["detail"]!["userIdentity"] = new JsonObject { ["type"] = "AWSService", ["invokedBy"] = "codepipeline.amazonaws.com" };
        });

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), bySource, CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(RoutedPipeline));
        Assert.Equal("audit.StartPipelineExecution", record.Kind);
        Assert.False(record.Attributes.ContainsKey("alerts"));
    }

    [Fact]
    public async Task ManualApproval_ByAnApprover_ShouldBeRecordedWithItsResultAndRaiseNothing()
    {
        var harness = Routed();

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), MonitorHarness.Fixture("cloudtrail-put-approval-result.json"), CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(RoutedPipeline));
        Assert.Equal("audit.PutApprovalResult", record.Kind);
        Assert.Contains("\"result.status\":\"Approved\"", record.Attributes["request"], StringComparison.Ordinal);
        Assert.DoesNotContain("token", record.Attributes["request"], StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::" + Central + ":assumed-role/ModelRiskManager/alice", record.Actor);
    }

    [Fact]
    public async Task ManualApproval_ByAnOutsider_ShouldAlert()
    {
        var harness = Routed();
        var byIntern = MonitorHarness.FixtureWith("cloudtrail-put-approval-result.json", node =>
            node["detail"]!["userIdentity"] = JsonNode.Parse($$"""{"type":"IAMUser","arn":"arn:aws:iam::{{Central}}:user/intern","accountId":"{{Central}}"}"""));

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), byIntern, CancellationToken.None);

        Assert.Equal(NotificationEventType.AuditAlert, Assert.Single(outcome.Notifications).EventType);
    }

    [Fact]
    public async Task PipelineChange_OfAPipelineNothingRoutesOrNames_ShouldBeIgnored()
    {
        var harness = Routed();
        var other = MonitorHarness.FixtureWith("cloudtrail-update-pipeline-by-intern.json", node =>
            node["detail"]!["requestParameters"]!["pipeline"]!["name"] = "website-build");

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), other, CancellationToken.None);

        Assert.Equal(Governance.Core.Processing.ProcessingOutcome.Ignored, outcome.Result.Outcome);
        Assert.Contains("touches no governed resource", outcome.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StackCreation_WithTheDeploymentStackTag_ShouldBeGovernedAndKeepNoParameters()
    {
        var harness = Routed();
        var stack = new NodeRef(NodeTypes.DeploymentResource, $"arn:aws:cloudformation:us-east-1:{Central}:stack/fraud-endpoints");

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), MonitorHarness.Fixture("cloudtrail-create-stack-tagged.json"), CancellationToken.None);

        Assert.Single(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(stack));
        Assert.Contains("\"tags[0].key\":\"governance:deployment-stack\"", record.Attributes["request"], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", record.Attributes["request"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StackCreation_WithoutTheTagOrAGovernedName_ShouldBeIgnored()
    {
        var harness = Routed();
        var untagged = MonitorHarness.FixtureWith("cloudtrail-create-stack-tagged.json", node =>
            node["detail"]!["requestParameters"]!["tags"] = new JsonArray());

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), untagged, CancellationToken.None);

        Assert.Contains("touches no governed resource", outcome.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineChange_InAnUndeclaredTeamAccount_ShouldBeAFindingNotAnAlert()
    {
        var harness = Routed();
        var inTeam = MonitorHarness.Parse(System.Text.Encoding.UTF8.GetBytes(
            File.ReadAllText(Governance.Local.Lambda.RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", "cloudtrail-update-pipeline-by-intern.json"))
                .Replace(Central, MonitorHarness.TeamAccount, StringComparison.Ordinal)));

        var outcome = await harness.HandleAsync(AuditTrailOf(harness), inTeam, CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var pipeline = new NodeRef(NodeTypes.DeploymentResource, $"arn:aws:codepipeline:us-east-1:{MonitorHarness.TeamAccount}:model-deployment-codepipeline");
        Assert.StartsWith("MachineryChangedOutsidePlatformRoles", Assert.Single(await harness.TimelineAsync(pipeline)).Attributes["findings"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationItem_OfARoutedPipeline_ShouldBeRecordedOnItsChainWithWhatChanged()
    {
        var harness = Routed();
        var parsed = MonitorHarness.Fixture("config-item-pipeline-update.json");
        Assert.Equal(HandlerNames.ComplianceMonitor, new EventRouter(Central).Route(parsed).Handler);

        var outcome = await harness.HandleAsync(harness.Compliance, parsed, CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(RoutedPipeline));
        Assert.Equal(AuditKinds.ConfigurationChanged, record.Kind);
        Assert.Equal("UPDATE", record.Attributes["changeType"]);
        Assert.Equal("Configuration.Stages.1.Actions.0.Configuration.ProjectName, Configuration.Version", record.Attributes["changedProperties"]);
        Assert.Equal("d8a1b2c3-0101-4d5e-8f90-a1b2c3d4e611", record.Attributes["relatedEvents"]);
        Assert.Equal("codepipeline-teams", record.Attributes[AuditKinds.RoutesAttribute]);
        Assert.Equal(new DateTimeOffset(2024, 6, 5, 17, 4, 58, TimeSpan.Zero), record.OccurredAt);
    }

    [Fact]
    public async Task ConfigurationItem_DeliveredTwice_ShouldBeRecordedOnce()
    {
        var harness = Routed();

        await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture("config-item-pipeline-update.json"), CancellationToken.None);
        await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture("config-item-pipeline-update.json"), CancellationToken.None);

        Assert.Single(await harness.TimelineAsync(RoutedPipeline));
    }

    [SharedFact]
    public void ConfigurationItem_OfAnotherResourceType_ShouldBeRoutedNowhere()
    {
        var parsed = MonitorHarness.Shared("config-configuration-item-change/docs-efs-tag-update.json");

        var change = Assert.IsType<ConfigurationItemChange>(parsed.Detail);
        var decision = new EventRouter(Central).Route(parsed);

        Assert.Equal("AWS::EFS::FileSystem", change.ResourceType);
        Assert.Equal(["Configuration.FileSystemTags.0", "Tags.2"], change.ChangedProperties);
        Assert.Null(decision.Handler);
        Assert.Contains("not deployment machinery", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenAChangeManagementPatternIsEmpty_ShouldNameIt()
    {
        var json = JsonNode.Parse(File.ReadAllText(Governance.Local.Lambda.RepositoryRoot.Combine("config", "monitors.json")))!;
        json["changeManagement"]!["buildProjects"] = new JsonArray(" ");

        var error = Assert.Throws<FormatException>(() => MonitorSettingsLoader.Load(json.ToJsonString()));

        Assert.Contains("changeManagement.buildProjects[0] must not be empty", error.Message, StringComparison.Ordinal);
    }
}
