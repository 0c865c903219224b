using System.Text.Json.Nodes;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Local.Lambda;

namespace Governance.Core.Tests.Monitors;

/// <summary>Out-of-band findings alert only in governed scopes (central account, declared stages), with the stage's severity.</summary>
public sealed class AuditScopeTests
{
    private const string Team = MonitorHarness.TeamAccount;
    private const string Intern = """{"type":"IAMUser","arn":"arn:aws:iam::%ACCOUNT%:user/intern","accountId":"%ACCOUNT%","userName":"intern"}""";

    [Fact]
    public async Task ApprovalChange_InATeamAccountByADataScientist_ShouldBeRecordedWithoutAlertEvenInProduction()
    {
        var harness = new MonitorHarness();
        var audit = new AuditTrail(harness.Effects(), harness.Ledger, harness.Packages, Settings(Team, "production"));

        var outcome = await harness.HandleAsync(audit, InAccount("cloudtrail-approve-model-package.json", Team, byIntern: true), CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        var package = new NodeRef(NodeTypes.SourcePackage, $"arn:aws:sagemaker:us-east-1:{Team}:model-package/fraud-detector/12");
        var record = Assert.Single(await harness.TimelineAsync(package));
        Assert.Equal("Approved", record.Attributes["approvalStatus"]);
        Assert.False(record.Attributes.ContainsKey("alerts"));
        Assert.False(record.Attributes.ContainsKey("findings"));
    }

    [Fact]
    public async Task EndpointChange_InAnUndeclaredTeamAccount_ShouldBeAnAuditEntryNotAnAlert()
    {
        var harness = new MonitorHarness();

        var outcome = await harness.HandleAsync(harness.Audit, InAccount("cloudtrail-update-endpoint-by-intern.json", Team, byIntern: false), CancellationToken.None);

        Assert.Empty(outcome.Notifications);
        Assert.Contains("recorded, not alerted (account " + Team + " is not a governed scope)", outcome.Result.Reason, StringComparison.Ordinal);
        var endpoint = new NodeRef(NodeTypes.Endpoint, $"arn:aws:sagemaker:us-east-1:{Team}:endpoint/fraud-endpoint");
        var record = Assert.Single(await harness.TimelineAsync(endpoint));
        Assert.StartsWith("EndpointOutsideDeploymentRoles", record.Attributes["findings"], StringComparison.Ordinal);
        Assert.False(record.Attributes.ContainsKey("alerts"));
    }

    [Theory]
    [InlineData("production", Severity.Critical)]
    [InlineData("staging", Severity.Warning)]
    public async Task EndpointChange_InADeclaredStage_ShouldAlertWithTheStagesSeverity(string stage, Severity severity)
    {
        var harness = new MonitorHarness();
        var audit = new AuditTrail(harness.Effects(), harness.Ledger, harness.Packages, Settings(Team, stage));

        var outcome = await harness.HandleAsync(audit, InAccount("cloudtrail-update-endpoint-by-intern.json", Team, byIntern: false), CancellationToken.None);

        var alert = Assert.Single(outcome.Notifications);
        Assert.Equal(severity, alert.Severity);
        Assert.Equal(stage, alert.Details.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task ApprovalChange_InTheCentralRegistryByAnOutsider_ShouldAlertCritically()
    {
        var harness = new MonitorHarness();

        var outcome = await harness.HandleAsync(
            harness.Audit, InAccount("cloudtrail-approve-model-package.json", MonitorHarness.CentralAccount, byIntern: true), CancellationToken.None);

        var alert = Assert.Single(outcome.Notifications);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(AlertScopes.CentralStage, alert.Details.GetProperty("stage").GetString());
    }

    [Fact]
    public void Load_WhenAGovernedAccountIsNotAnAccountId_ShouldNameIt()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")))!;
        json["governedScopes"]!["accounts"]!["prod"] = "production";

        var error = Assert.Throws<FormatException>(() => MonitorSettingsLoader.Load(json.ToJsonString()));

        Assert.Contains("governedScopes.accounts key 'prod' must be a 12-digit account id", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The shipped monitors file with <paramref name="account"/> declared as <paramref name="stage"/>.</summary>
    internal static MonitorSettings Settings(string account, string stage)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")))!;
        json["governedScopes"]!["accounts"]![account] = stage;
        return MonitorSettingsLoader.Load(json.ToJsonString());
    }

    private static Governance.Core.Events.ParsedEvent InAccount(string fixture, string account, bool byIntern)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", fixture))
            .Replace(MonitorHarness.CentralAccount, account, StringComparison.Ordinal);
        var node = JsonNode.Parse(text)!;
        if (byIntern)
        {
            node["detail"]!["userIdentity"] = JsonNode.Parse(Intern.Replace("%ACCOUNT%", account, StringComparison.Ordinal));
        }

        return MonitorHarness.Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
    }
}
