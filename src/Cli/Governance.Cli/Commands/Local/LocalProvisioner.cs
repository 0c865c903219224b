using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Protocols;
using Governance.Aws.SageMaker;
using Governance.Aws.Sts;
using Governance.Handlers.Settings;
using Governance.Local;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// Builds the emulated organisation of <see cref="LocalAccounts"/> through <see cref="OrganisationProvisioner"/>:
/// the central governance account (ledger table, notification topic with a team's subscriber queue and filter
/// policy, central model bucket, deployment pipeline) and a team account reachable by AssumeRole (reader role,
/// artifact bucket with a model artifact and its reports, a model package group with one compliant and one
/// non-compliant package).
/// </summary>
public sealed class LocalProvisioner(AwsContext aws, TextWriter progress)
{
    private static readonly AwsService Iam = new("IAM", "iam", "iam", AwsProtocol.Query, null, "2010-05-08");
    private static readonly string Prefix = $"s3://{LocalAccounts.TeamBucket}/credit-risk/v1";

    public async Task<Dictionary<string, string>> ProvisionAsync(CancellationToken cancellationToken)
    {
        var central = await new OrganisationProvisioner(aws).CentralAsync(
            new CentralAccountSpec(LocalAccounts.CentralAccount, LocalAccounts.Table, LocalAccounts.Topic, LocalAccounts.CentralBucket, LocalAccounts.DeploymentPipeline)
            {
                Subscriber = new TeamSubscriber(LocalAccounts.SubscriberQueue, LocalAccounts.Team),
                PageTokenSecret = LocalAccounts.PageTokenSecret,
            },
            cancellationToken);
        Done($"ledger table {LocalAccounts.Table}");
        Done($"topic {LocalAccounts.Topic}, subscriber queue {LocalAccounts.SubscriberQueue} (filter: team = {LocalAccounts.Team})");
        Done($"central model bucket {LocalAccounts.CentralBucket}");
        Done($"deployment pipeline {LocalAccounts.DeploymentPipeline}");

        using var roles = new RoleCredentialsCache(aws.Sdk.Sts(), aws.Time);
        var teamAdmin = new AssumeRoleSpec(LocalAccounts.TeamRoleArn(LocalAccounts.TeamAdminRole), "governance-local-setup");
        await aws.QueryChannel(Iam, roles.SourceFor(teamAdmin)).CallAsync("CreateRole",
        [
            new("RoleName", LocalAccounts.ReaderRole),
            new("AssumeRolePolicyDocument", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalAccounts.CentralAccount}}:root"},"Action":"sts:AssumeRole"}]}"""),
        ], cancellationToken);
        Done($"team account {LocalAccounts.TeamAccount}: reader role {LocalAccounts.ReaderRole}");

        using var teamS3 = aws.Sdk.S3(await roles.SdkCredentialsAsync(teamAdmin, cancellationToken));
        var team = new TeamAccess(aws.SageMaker(roles.SourceFor(teamAdmin)), teamS3);
        await OrganisationProvisioner.TeamAsync(team, new TeamAccountSpec(
            LocalAccounts.TeamBucket,
            LocalAccounts.TeamGroup,
            [new ResourceTag("team", LocalAccounts.Team), new ResourceTag("cost-center", "cc-4417"), new ResourceTag("data-classification", "confidential")])
        {
            GroupDescription = "Retail credit default risk",
        }, cancellationToken);
        var artifacts = TeamPackage.Artifacts(
            "credit-risk/v1",
            "a gradient-boosted credit risk model (demo bytes)",
            """{"binary_classification_metrics":{"auc":{"value":0.91}}}""",
            """{"pre_training_bias_metrics":{"facets":{}}}""");
        await OrganisationProvisioner.PutArtifactsAsync(team, LocalAccounts.TeamBucket, artifacts, cancellationToken);
        Done($"team artifact bucket {LocalAccounts.TeamBucket} with {artifacts.Count} objects");

        var compliant = await OrganisationProvisioner.RegisterAsync(team, Package(compliant: true), cancellationToken);
        var nonCompliant = await OrganisationProvisioner.RegisterAsync(team, Package(compliant: false), cancellationToken);
        Done($"team package group {LocalAccounts.TeamGroup}: {compliant} (compliant), {nonCompliant} (not compliant)");

        var monitors = WriteMonitorSettings();
        Done($"monitors settings {monitors}: team account {LocalAccounts.TeamAccount} governed as production (the emulated pipeline deploys there)");

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SettingNames.MonitorsPath] = monitors,
            [SettingNames.CentralAccount] = LocalAccounts.CentralAccount,
            [SettingNames.Table] = LocalAccounts.Table,
            [SettingNames.TopicArn] = central.TopicArn,
            [SettingNames.ModelBucket] = LocalAccounts.CentralBucket,
            [SettingNames.ReaderRole] = LocalAccounts.ReaderRole,
            [SettingNames.PageTokenSecretArn] = central.PageTokenSecretArn!,
            ["GOVERNANCE_LOCAL_SUBSCRIBER_QUEUE"] = central.SubscriberQueueUrl!,
            ["GOVERNANCE_LOCAL_COMPLIANT_PACKAGE"] = compliant,
            ["GOVERNANCE_LOCAL_NONCOMPLIANT_PACKAGE"] = nonCompliant,
            ["GOVERNANCE_LOCAL_TEAM_ACCOUNT"] = LocalAccounts.TeamAccount,
        };
    }

    /// <summary>
    /// The shipped monitors settings with the team account declared a production scope: the emulated deployment
    /// pipeline deploys into it, so out-of-band changes there are alerts, as they would be in a real production account.
    /// </summary>
    private static string WriteMonitorSettings()
    {
        var document = JsonNode.Parse(File.ReadAllText(SettingNames.DefaultConfigPath("monitors.json")))!.AsObject();
        var scopes = document["governedScopes"] as JsonObject ?? new JsonObject();
        document["governedScopes"] = scopes;
        var accounts = scopes["accounts"] as JsonObject ?? new JsonObject();
        scopes["accounts"] = accounts;
        accounts[LocalAccounts.TeamAccount] = "production";
        var path = Path.Combine(LocalSettings.Folder(), "monitors.json");
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>The compliant package (digest-pinned team image, reports, owner, risk tier, intended use) or one built on a laptop.</summary>
    private static TeamPackage Package(bool compliant)
    {
        var source = (CommitId: "9f3c2ab", Repository: "https://git.example.com/credit/credit-risk");
        return compliant
            ? TeamPackage.Versioned(
                LocalAccounts.TeamGroup,
                "XGBoost 1.7, retrained on 2026-Q3 data",
                TeamPackage.EcrImage(LocalAccounts.TeamAccount, LocalAccounts.Region, "credit-risk-inference", "credit-risk-inference:1.4.2"),
                Prefix) with
            {
                ApprovalStatus = "PendingManualApproval",
                CustomerMetadata = new Dictionary<string, string> { ["owner"] = "jane.doe@example.com", ["risk-tier"] = "high", ["intended-use"] = "retail credit decisioning" },
                SourceCommit = source.CommitId,
                SourceRepository = source.Repository,
            }
            : new TeamPackage(LocalAccounts.TeamGroup, "experimental build from a laptop", "docker.io/someone/credit-risk:latest", "s3://scratch-bucket/model.tar.gz")
            {
                ApprovalStatus = "PendingManualApproval",
                SourceCommit = source.CommitId,
                SourceRepository = source.Repository,
            };
    }

    private void Done(string what) => progress.WriteLine($"  ✓ {what}");
}
