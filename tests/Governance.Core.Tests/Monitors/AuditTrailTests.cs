using System.Text.Json.Nodes;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Flows;

namespace Governance.Core.Tests.Monitors;

public class AuditTrailTests
{
    private const string ModelArn = "arn:aws:sagemaker:us-east-1:999988887777:model/fraud-detector-12";
    private const string ConfigArn = "arn:aws:sagemaker:us-east-1:999988887777:endpoint-config/fraud-endpoint-config-12";
    private const string EndpointArn = "arn:aws:sagemaker:us-east-1:999988887777:endpoint/fraud-endpoint";
    private const string ImageDigest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

    private static readonly NodeRef Model = new(NodeTypes.Model, ModelArn);
    private static readonly NodeRef Config = new(NodeTypes.EndpointConfig, ConfigArn);
    private static readonly NodeRef Endpoint = new(NodeTypes.Endpoint, EndpointArn);

    [Fact]
    public async Task CloudTrailSequence_ShouldBuildTheDeploymentGraphFromPackageToEndpoint()
    {
        var harness = new MonitorHarness();

        var outcomes = await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");

        Assert.All(outcomes, outcome => Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome));
        Assert.All(outcomes, outcome => Assert.Empty(outcome.Notifications));
        var edges = harness.Ledger.AllEdges.Select(edge => (edge.From, edge.Relation, edge.To)).ToList();
        Assert.Contains((MonitorHarness.CentralPackage, Relations.UsedBy, Model), edges);
        Assert.Contains((new NodeRef(NodeTypes.Image, ImageDigest), Relations.UsedBy, Model), edges);
        Assert.Contains((Model, Relations.UsedBy, Config), edges);
        Assert.Contains((Config, Relations.UsedBy, Endpoint), edges);
        Assert.Contains((MonitorHarness.CentralPackage, Relations.Serves, Endpoint), edges);
        var runs = await harness.Ledger.GetCurrentAsync(Endpoint, Relations.Runs, CancellationToken.None);
        Assert.Equal(MonitorHarness.CentralPackage, runs!.Target);
        Assert.Equal(AuditKinds.EndpointDeployed, Assert.Single(await harness.TimelineAsync(MonitorHarness.CentralPackage)).Kind);
        var audit = Assert.Single(await harness.TimelineAsync(Endpoint));
        Assert.Equal("audit.CreateEndpoint", audit.Kind);
        Assert.Equal("arn:aws:sts::999988887777:assumed-role/DeploymentPipeline/codepipeline-deploy", audit.Actor);
        Assert.Equal("AssumedRole", audit.Attributes["principalType"]);
        Assert.Equal("203.0.113.10", audit.Attributes["sourceIpAddress"]);
        Assert.Contains("fraud-endpoint-config-12", audit.Attributes["request"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointCreate_ByTheDeploymentRole_ShouldNotAlert()
    {
        var harness = new MonitorHarness();

        var outcome = (await harness.AuditAsync("cloudtrail-create-endpoint.json")).Single();

        Assert.Empty(outcome.Notifications);
        Assert.EndsWith("no alert", outcome.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointUpdate_ByAPrincipalOutsideTheDeploymentRoles_ShouldAlertOnTheModelVersion()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");

        var outcome = (await harness.AuditAsync("cloudtrail-update-endpoint-by-intern.json")).Single();

        var alert = Assert.Single(outcome.Notifications);
        Assert.Equal(NotificationEventType.AuditAlert, alert.EventType);
        Assert.Equal("fraud-detector", alert.Subject.ModelPackageGroup);
        Assert.Equal("arn:aws:iam::999988887777:user/intern", alert.Details.GetProperty("principal").GetString());
        Assert.Contains("outside the deployment roles", alert.Details.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalChange_ByAConfiguredApprover_ShouldRecordTheApproverWithoutAlert()
    {
        var harness = new MonitorHarness();

        var outcome = (await harness.AuditAsync("cloudtrail-approve-model-package.json")).Single();

        Assert.Empty(outcome.Notifications);
        var record = Assert.Single(await harness.TimelineAsync(MonitorHarness.CentralPackage));
        Assert.Equal("audit.UpdateModelPackage", record.Kind);
        Assert.Equal("Approved", record.Attributes["approvalStatus"]);
        Assert.Equal("arn:aws:sts::999988887777:assumed-role/ModelRiskManager/alice", record.Attributes["approver"]);
        Assert.Equal("fraud-detector", record.ModelPackageGroup);
    }

    [Fact]
    public async Task ApprovalChange_ByAPrincipalOutsideTheApprovers_ShouldAlert()
    {
        var harness = new MonitorHarness();
        var byIntern = MonitorHarness.FixtureWith("cloudtrail-approve-model-package.json", node =>
            node["detail"]!["userIdentity"] = JsonNode.Parse("""{"type":"IAMUser","arn":"arn:aws:iam::999988887777:user/intern","accountId":"999988887777","userName":"intern"}"""));

        var outcome = await harness.HandleAsync(harness.Audit, byIntern, CancellationToken.None);

        var alert = Assert.Single(outcome.Notifications);
        Assert.Equal(12, alert.Subject.Version);
        Assert.Contains("outside the approvers", alert.Details.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageDeletion_WhileAnEndpointRunsIt_ShouldAlert()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");

        var outcome = (await harness.AuditAsync("cloudtrail-delete-model-package.json")).Single();

        var alert = Assert.Single(outcome.Notifications);
        Assert.Contains(EndpointArn, alert.Details.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageDeletion_AfterItsEndpointWasDeleted_ShouldNotAlert()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync(
            "cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json", "cloudtrail-delete-endpoint.json");

        var outcome = (await harness.AuditAsync("cloudtrail-delete-model-package.json")).Single();

        Assert.Empty(outcome.Notifications);
        Assert.Contains(await harness.TimelineAsync(MonitorHarness.CentralPackage), record => record.Kind == AuditKinds.EndpointDeleted);
    }

    [Fact]
    public async Task PackageDeletion_OfAVersionNeverDeployed_ShouldNotAlert()
    {
        var harness = new MonitorHarness();

        var outcome = (await harness.AuditAsync("cloudtrail-delete-model-package.json")).Single();

        Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome);
        Assert.Empty(outcome.Notifications);
    }

    [Fact]
    public async Task AccessDenied_OnAPackageInAProductionTeamAccount_ShouldAlertAndRecordTheError()
    {
        var harness = new MonitorHarness();
        var audit = new AuditTrail(harness.Effects(), harness.Ledger, harness.Packages, AuditScopeTests.Settings(MonitorHarness.TeamAccount, "production"));
        var denied = MonitorHarness.Parse(File.ReadAllBytes(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Fixtures", "Events", "cloudtrail-eventbridge-update-model-package.json")));

        var outcome = await harness.HandleAsync(audit, denied, CancellationToken.None);

        var alert = Assert.Single(outcome.Notifications);
        Assert.Contains("AccessDeniedException", alert.Details.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, alert.Severity);
        var package = new NodeRef(NodeTypes.SourcePackage, "arn:aws:sagemaker:us-east-1:555566667777:model-package/fraud-detector/12");
        var record = Assert.Single(await harness.TimelineAsync(package));
        Assert.Equal("AccessDeniedException", record.Attributes[AuditKinds.ErrorCodeAttribute]);
        Assert.False(record.Attributes.ContainsKey("approvalStatus"));
    }

    [Fact]
    public async Task FailedCall_WithAnErrorCode_ShouldBeAuditedWithoutEdgesOrAlert()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json");
        var edgesBefore = harness.Ledger.AllEdges.Count;

        var outcome = (await harness.AuditAsync("cloudtrail-create-endpoint-failed.json")).Single();

        Assert.Empty(outcome.Notifications);
        Assert.Equal(edgesBefore, harness.Ledger.AllEdges.Count);
        var canary = new NodeRef(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:999988887777:endpoint/fraud-endpoint-canary");
        Assert.Null(await harness.Ledger.GetCurrentAsync(canary, Relations.Runs, CancellationToken.None));
        Assert.Equal("ValidationException", Assert.Single(await harness.TimelineAsync(canary)).Attributes[AuditKinds.ErrorCodeAttribute]);
    }

    [Fact]
    public async Task Alert_WhenTheGraphChangesBetweenDeliveries_ShouldSendEachAlertDecidedWithTheRecordOnce()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json");
        var second = new NodeRef(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/13");
        var later = new NodeRef(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/14");
        await harness.Ledger.RecordEdgeAsync(new LedgerEdge(second, Relations.UsedBy, Model, harness.Clock.GetUtcNow(), null), CancellationToken.None);
        var denied = MonitorHarness.FixtureWith("cloudtrail-create-model.json", call =>
        {
            call["detail"]!["errorCode"] = "AccessDenied";
            call["detail"]!["eventID"] = "denied-create-model";
        });
        var failing = new AuditTrail(harness.Effects(notifier: FaultyPorts.Wrap(harness.Notifier, new FaultPlan(2))), harness.Ledger, harness.Packages, harness.Settings);
        await Assert.ThrowsAsync<InjectedFaultException>(() => harness.HandleAsync(failing, denied, CancellationToken.None));
        var sentFirst = harness.Notifier.Published.Select(alert => alert.Subject.ModelPackageArn).ToList();

        await harness.Ledger.RecordEdgeAsync(new LedgerEdge(later, Relations.UsedBy, Model, harness.Clock.GetUtcNow(), null), CancellationToken.None);
        var redelivered = await harness.HandleAsync(harness.Audit, denied, CancellationToken.None);

        Assert.Single(sentFirst);
        Assert.Equal(
            [MonitorHarness.CentralPackageArn, second.Id],
            harness.Notifier.Published.Select(alert => alert.Subject.ModelPackageArn).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(sentFirst[0], redelivered.Notifications.Select(alert => alert.Subject.ModelPackageArn));
        Assert.Equal(
            [new EffectId("denied-create-model", "notify:audit.alert", MonitorHarness.CentralPackageArn), new EffectId("denied-create-model", "notify:audit.alert", second.Id)],
            harness.Ledger.AllOutbox.Select(entry => entry.Message.Id).OrderBy(id => id.Subject, StringComparer.Ordinal));
        Assert.All(harness.Ledger.AllOutbox, entry => Assert.True(entry.IsSent));
    }

    [Fact]
    public async Task Duplicate_OfAnAlertingCall_ShouldActOnce()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");

        var first = (await harness.AuditAsync("cloudtrail-update-endpoint-by-intern.json")).Single();
        var again = (await harness.AuditAsync("cloudtrail-update-endpoint-by-intern.json")).Single();

        Assert.Single(first.Notifications);
        Assert.Empty(again.Notifications);
        Assert.Empty(again.Result.Effects);
        Assert.Equal([.. first.Result.Effects, .. first.Result.AlreadyDone], again.Result.AlreadyDone);
        Assert.Contains(first.Result.Effects, effect => effect is NotificationSent);
        Assert.Equal(2, (await harness.TimelineAsync(Endpoint)).Count);
    }

    [SharedFact]
    public async Task ReadOnlyCall_ThatSucceeded_ShouldBeIgnoredWithAReason()
    {
        var harness = new MonitorHarness();

        var outcome = await harness.HandleAsync(harness.Audit, MonitorHarness.Shared("cloudtrail-sagemaker/captured-ct-record-ListNotebookInstances.json"), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Ignored, outcome.Result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Result.Reason));
        Assert.Empty(harness.Ledger.AllRecords);
    }
}
