using Amazon.DynamoDBv2;
using Amazon.S3;
using Governance.Aws;
using Governance.Aws.Adapters;
using Governance.Aws.Endpoints;
using Governance.Aws.Ledger;
using Governance.Aws.S3;
using Governance.Aws.Sts;
using Governance.Core.Flows;
using Governance.Core.Ledger.Anchoring;
using Governance.Core.Notifications;
using Governance.Core.Presentation.Notifications;
using Governance.Handlers.Settings;

namespace Governance.Handlers.Composition;

/// <summary>
/// The AWS adapters over the one client factory (<see cref="AwsContext"/>), each built when a composition asks for
/// it. <paramref name="dynamo"/> replaces the DynamoDB client the factory would build (tests route it through a
/// proxy or serialise its requests).
/// </summary>
public sealed class AwsPortFactory(AwsContext aws, IAmazonDynamoDB? dynamo = null) : IPortFactory
{
    public LedgerPorts Ledger(LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = dynamo ?? aws.Sdk.DynamoDb();
        return new LedgerPorts(
            new DynamoDbLedgerWriter(client, options.Table, aws.Time),
            new DynamoDbLedgerReader(client, options.Table, PageTokenCodec.WithRandomKey()),
            new DynamoDbEffectStore(client, options.Table, aws.Time),
            new DynamoDbOutbox(client, options.Table),
            new SnsNotifier(aws.Sns(aws.DefaultCredentials), options.TopicArn, new NotificationComposer(new NotificationOptions(options.QueryApiUrl))),
            aws.Time);
    }

    public RegistryPorts Registry(RegistrySyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = new RoleCredentialsCache(aws.Sdk.Sts(), aws.Time);
        var central = aws.Sdk.S3();
        var owners = new S3BucketOwners(ActingIn(roles, options, central), options.Ledger.CentralAccount);
        return new RegistryPorts(
            new SageMakerTeamRegistry(aws, roles, options.ReaderRole),
            CentralRegistry(),
            options.CopierRoleArn is { } copier
                ? new S3ArtifactStore(CopierSession(roles, copier), owners, options.ModelBucket)
                : new S3ArtifactStore((_, _) => ValueTask.FromResult(central), owners, options.ModelBucket));
    }

    public ICentralRegistry CentralRegistry() => new SageMakerCentralRegistry(aws.SageMaker(aws.DefaultCredentials));

    public IPipelineLauncher Launcher() => new PipelineLauncher(aws.SageMaker(aws.DefaultCredentials), aws.CodePipeline(aws.DefaultCredentials));

    public LedgerAnchoring Anchoring(LedgerAnchorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LedgerAnchoring(
            new DynamoDbLedgerHeads(dynamo ?? aws.Sdk.DynamoDb(), options.Table), new S3DigestArchive(aws.Sdk.S3(), options.DigestBucket), aws.Time);
    }

    /// <summary>An S3 client acting in an account: the function's own in the governance account, the team's reader role in a team account.</summary>
    private Func<string, CancellationToken, ValueTask<IAmazonS3>> ActingIn(RoleCredentialsCache roles, RegistrySyncOptions options, IAmazonS3 central) =>
        async (account, cancellationToken) => account == options.Ledger.CentralAccount
            ? central
            : aws.Sdk.S3(await roles.SdkCredentialsAsync(
                new AssumeRoleSpec($"arn:{EndpointResolver.Partition(aws.Region)}:iam::{account}:role/{options.ReaderRole}", "governance-bucket-owner"), cancellationToken));

    /// <summary>An S3 client acting as the copier role in a session tagged with the team account (see <see cref="S3ArtifactStore"/>).</summary>
    private Func<string, CancellationToken, ValueTask<IAmazonS3>> CopierSession(RoleCredentialsCache roles, string copierRoleArn) =>
        async (account, cancellationToken) => aws.Sdk.S3(await roles.SdkCredentialsAsync(
            new AssumeRoleSpec(copierRoleArn, "artifact-copy-" + account) { SessionTags = new Dictionary<string, string> { ["source-account"] = account } },
            cancellationToken));
}
