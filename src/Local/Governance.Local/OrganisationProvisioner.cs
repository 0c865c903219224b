using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Ledger;
using Governance.Aws.SageMaker;
using Governance.Aws.Sqs;

namespace Governance.Local;

/// <summary>The central governance account's resources, by name.</summary>
/// <param name="DeploymentPipeline">The SageMaker pipeline deployments start (an empty definition taking the package ARN).</param>
public sealed record CentralAccountSpec(string Account, string Table, string Topic, string ModelBucket, string DeploymentPipeline)
{
    /// <summary>A team's queue subscribed to the topic with a filter policy on its team; none when null.</summary>
    public TeamSubscriber? Subscriber { get; init; }

    /// <summary>The Secrets Manager secret holding the lineage API's page-token key (a random one); none when null.</summary>
    public string? PageTokenSecret { get; init; }
}

public sealed record TeamSubscriber(string Queue, string Team);

public sealed record CentralAccountResources(string TopicArn, string? SubscriberQueueUrl, string? PageTokenSecretArn = null);

/// <summary>A team account's artifact bucket and model package group (with the tags governance reads).</summary>
public sealed record TeamAccountSpec(string Bucket, string Group, IReadOnlyList<ResourceTag> GroupTags)
{
    public string? GroupDescription { get; init; }
}

/// <summary>The clients that act in a team account (as its administrator, reached by AssumeRole).</summary>
public sealed record TeamAccess(ISageMakerClient SageMaker, IAmazonS3 S3);

/// <summary>
/// The one way the emulated organisation is provisioned, by <c>governance local up</c>, the test beds and the
/// throughput harness: the central account's ledger table, topic (and a team's subscriber), model bucket,
/// deployment pipeline and page-token secret; a team account's bucket and package group; the artifacts and packages a team registers.
/// </summary>
/// <param name="central">Clients acting as the central account (its <see cref="AwsContext.Credentials"/>).</param>
public sealed class OrganisationProvisioner(AwsContext central)
{
    /// <param name="dynamo">The DynamoDB client to create the table with; one of <paramref name="central"/>'s when null.</param>
    public async Task<CentralAccountResources> CentralAsync(CentralAccountSpec spec, CancellationToken cancellationToken, IAmazonDynamoDB? dynamo = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (dynamo is null)
        {
            using var own = central.Sdk.DynamoDb();
            await LedgerTableDefinition.CreateAsync(own, spec.Table, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await LedgerTableDefinition.CreateAsync(dynamo, spec.Table, cancellationToken).ConfigureAwait(false);
        }

        var credentials = central.DefaultCredentials;
        var sns = central.Sns(credentials);
        var topicArn = await sns.CreateTopicAsync(spec.Topic, null, cancellationToken).ConfigureAwait(false);
        string? queueUrl = null;
        if (spec.Subscriber is { } subscriber)
        {
            using var sqs = central.Sdk.Sqs();
            var queues = new SqsQueues(sqs);
            queueUrl = await queues.CreateAsync(subscriber.Queue, cancellationToken).ConfigureAwait(false);
            var queueArn = await queues.ArnAsync(queueUrl, cancellationToken).ConfigureAwait(false);
            await sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string>
            {
                ["FilterPolicy"] = $$"""{"team":["{{subscriber.Team}}"]}""",
            }, cancellationToken).ConfigureAwait(false);
        }

        using (var s3 = central.Sdk.S3())
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = spec.ModelBucket }, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await central.JsonChannel(AwsService.SageMaker, credentials).CallAsync("CreatePipeline", new System.Text.Json.Nodes.JsonObject
            {
                ["PipelineName"] = spec.DeploymentPipeline,
                ["PipelineDefinition"] = """{"Version":"2020-12-01","Parameters":[{"Name":"ModelPackageArn","Type":"String"},{"Name":"SourceAccount","Type":"String"}],"Steps":[]}""",
                ["RoleArn"] = $"arn:aws:iam::{spec.Account}:role/DeploymentPipeline",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsValidationException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
        {
            // Beds that deploy through the routed pipeline share it: the first one created it.
        }

        var secretArn = spec.PageTokenSecret is { } secret
            ? await central.SecretsManager(credentials).CreateSecretAsync(
                secret, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)), cancellationToken).ConfigureAwait(false)
            : null;
        return new CentralAccountResources(topicArn, queueUrl, secretArn);
    }

    public static async Task TeamAsync(TeamAccess team, TeamAccountSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(spec);
        await team.S3.PutBucketAsync(new PutBucketRequest { BucketName = spec.Bucket }, cancellationToken).ConfigureAwait(false);
        await team.SageMaker.CreateModelPackageGroupAsync(
            new CreateModelPackageGroupRequest(spec.Group) { Description = spec.GroupDescription, Tags = spec.GroupTags }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the objects (by key) into the team's bucket, each with its SHA-256 checksum, as a pipeline uploading them would.</summary>
    public static async Task PutArtifactsAsync(TeamAccess team, string bucket, IReadOnlyDictionary<string, string> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var (key, body) in objects)
        {
            await team.S3.PutObjectAsync(
                new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body, ChecksumAlgorithm = ChecksumAlgorithm.SHA256 }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the package in the team's group; its ARN.</summary>
    public static Task<string> RegisterAsync(TeamAccess team, TeamPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(package);
        return team.SageMaker.CreateModelPackageAsync(package.Request(), cancellationToken);
    }
}
