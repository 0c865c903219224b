using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Ledger;
using Governance.Aws.Protocols;
using Governance.Aws.Sqs;
using Governance.Aws.Sts;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// Builds the emulated organisation on the local emulator: the central governance account (ledger table,
/// notification topic with a team's subscriber queue and filter policy, central model bucket, deployment
/// pipeline) and a team account reachable by AssumeRole (reader role, artifact bucket with a model artifact and
/// its reports, a model package group with one compliant and one non-compliant package).
/// </summary>
public sealed class LocalProvisioner(AwsContext aws, TextWriter progress)
{
    private static readonly AwsService Iam = new("IAM", "iam", "iam", AwsProtocol.Query, null, "2010-05-08");

    public async Task<Dictionary<string, string>> ProvisionAsync(CancellationToken cancellationToken)
    {
        var central = aws.DefaultCredentials;
        var sdk = aws.Sdk;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);

        await LedgerTableDefinition.CreateAsync(sdk.DynamoDb(), LocalAccounts.Table, cancellationToken);
        Done($"ledger table {LocalAccounts.Table}");

        var sns = aws.Sns(central);
        var topicArn = await sns.CreateTopicAsync(LocalAccounts.Topic, null, cancellationToken);
        var queues = new SqsQueues(aws.QueryChannel(SqsQueues.Service, central));
        var queueUrl = await queues.CreateAsync(LocalAccounts.SubscriberQueue, cancellationToken);
        var queueArn = await queues.ArnAsync(queueUrl, cancellationToken);
        await sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string>
        {
            ["FilterPolicy"] = $$"""{"team":["{{LocalAccounts.Team}}"]}""",
        }, cancellationToken);
        Done($"topic {LocalAccounts.Topic}, subscriber queue {LocalAccounts.SubscriberQueue} (filter: team = {LocalAccounts.Team})");

        var s3 = sdk.S3();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = LocalAccounts.CentralBucket }, cancellationToken);
        Done($"central model bucket {LocalAccounts.CentralBucket}");

        var sageMaker = aws.JsonChannel(AwsService.SageMaker, central);
        await sageMaker.CallAsync("CreatePipeline", new JsonObject
        {
            ["PipelineName"] = LocalAccounts.DeploymentPipeline,
            ["PipelineDefinition"] = """{"Version":"2020-12-01","Parameters":[{"Name":"ModelPackageArn","Type":"String"},{"Name":"SourceAccount","Type":"String"}],"Steps":[]}""",
            ["RoleArn"] = $"arn:aws:iam::{LocalAccounts.CentralAccount}:role/SageMakerDeploymentPipeline",
        }, cancellationToken);
        Done($"deployment pipeline {LocalAccounts.DeploymentPipeline}");

        using var roles = new RoleCredentialsCache(sdk.Sts(), aws.Time);
        var teamAdmin = new AssumeRoleSpec(LocalAccounts.TeamRoleArn(LocalAccounts.TeamAdminRole), "governance-local-setup");
        await aws.QueryChannel(Iam, roles.SourceFor(teamAdmin)).CallAsync("CreateRole",
        [
            new("RoleName", LocalAccounts.ReaderRole),
            new("AssumeRolePolicyDocument", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalAccounts.CentralAccount}}:root"},"Action":"sts:AssumeRole"}]}"""),
        ], cancellationToken);
        Done($"team account {LocalAccounts.TeamAccount}: reader role {LocalAccounts.ReaderRole}");

        var teamS3 = sdk.S3(await roles.SdkCredentialsAsync(teamAdmin, cancellationToken));
        await teamS3.PutBucketAsync(new PutBucketRequest { BucketName = LocalAccounts.TeamBucket }, cancellationToken);
        var artifacts = new Dictionary<string, string>
        {
            ["credit-risk/v1/model.tar.gz"] = "a gradient-boosted credit risk model (demo bytes)",
            ["credit-risk/v1/evaluation.json"] = """{"binary_classification_metrics":{"auc":{"value":0.91}}}""",
            ["credit-risk/v1/bias.json"] = """{"pre_training_bias_metrics":{"facets":{}}}""",
        };
        foreach (var (key, content) in artifacts)
        {
            await teamS3.PutObjectAsync(new PutObjectRequest { BucketName = LocalAccounts.TeamBucket, Key = key, ContentBody = content }, cancellationToken);
        }

        Done($"team artifact bucket {LocalAccounts.TeamBucket} with {artifacts.Count} objects");

        var teamSageMaker = aws.JsonChannel(AwsService.SageMaker, roles.SourceFor(teamAdmin));
        await teamSageMaker.CallAsync("CreateModelPackageGroup", new JsonObject
        {
            ["ModelPackageGroupName"] = LocalAccounts.TeamGroup,
            ["ModelPackageGroupDescription"] = "Retail credit default risk",
            ["Tags"] = Tags(("team", LocalAccounts.Team), ("cost-center", "cc-4417"), ("data-classification", "confidential")),
        }, cancellationToken);
        var compliant = await CreatePackageAsync(teamSageMaker, compliant: true, cancellationToken);
        var nonCompliant = await CreatePackageAsync(teamSageMaker, compliant: false, cancellationToken);
        Done($"team package group {LocalAccounts.TeamGroup}: {compliant} (compliant), {nonCompliant} (not compliant)");

        settings[SettingNames.CentralAccount] = LocalAccounts.CentralAccount;
        settings[SettingNames.Table] = LocalAccounts.Table;
        settings[SettingNames.TopicArn] = topicArn;
        settings[SettingNames.ModelBucket] = LocalAccounts.CentralBucket;
        settings[SettingNames.ReaderRole] = LocalAccounts.ReaderRole;
        settings["GOVERNANCE_LOCAL_SUBSCRIBER_QUEUE"] = queueUrl;
        settings["GOVERNANCE_LOCAL_COMPLIANT_PACKAGE"] = compliant;
        settings["GOVERNANCE_LOCAL_NONCOMPLIANT_PACKAGE"] = nonCompliant;
        settings["GOVERNANCE_LOCAL_TEAM_ACCOUNT"] = LocalAccounts.TeamAccount;
        return settings;
    }

    private static async Task<string> CreatePackageAsync(AwsJsonChannel sageMaker, bool compliant, CancellationToken cancellationToken)
    {
        var prefix = $"s3://{LocalAccounts.TeamBucket}/credit-risk/v1";
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("credit-risk-inference:1.4.2")));
        var request = new JsonObject
        {
            ["ModelPackageGroupName"] = LocalAccounts.TeamGroup,
            ["ModelPackageDescription"] = compliant ? "XGBoost 1.7, retrained on 2026-Q3 data" : "experimental build from a laptop",
            ["ModelApprovalStatus"] = "PendingManualApproval",
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject
                {
                    ["Image"] = compliant
                        ? $"{LocalAccounts.TeamAccount}.dkr.ecr.{LocalAccounts.Region}.amazonaws.com/credit-risk-inference@{digest}"
                        : "docker.io/someone/credit-risk:latest",
                    ["ModelDataUrl"] = compliant ? $"{prefix}/model.tar.gz" : "s3://scratch-bucket/model.tar.gz",
                }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
            ["MetadataProperties"] = new JsonObject { ["CommitId"] = "9f3c2ab", ["Repository"] = "https://git.example.com/credit/credit-risk" },
        };
        if (compliant)
        {
            request["CustomerMetadataProperties"] = new JsonObject { ["owner"] = "jane.doe@example.com", ["risk-tier"] = "high", ["intended-use"] = "retail credit decisioning" };
            request["ModelMetrics"] = new JsonObject
            {
                ["ModelQuality"] = new JsonObject { ["Statistics"] = new JsonObject { ["ContentType"] = "application/json", ["S3Uri"] = $"{prefix}/evaluation.json" } },
                ["Bias"] = new JsonObject { ["Report"] = new JsonObject { ["ContentType"] = "application/json", ["S3Uri"] = $"{prefix}/bias.json" } },
            };
        }

        var response = await sageMaker.CallAsync("CreateModelPackage", request, cancellationToken);
        return response.GetProperty("ModelPackageArn").GetString()!;
    }

    private static JsonArray Tags(params (string Key, string Value)[] tags) =>
        new([.. tags.Select(tag => (JsonNode)new JsonObject { ["Key"] = tag.Key, ["Value"] = tag.Value })]);

    private void Done(string what) => progress.WriteLine($"  ✓ {what}");
}
