using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Aws;
using Governance.Aws.Adapters;
using Governance.Aws.Credentials;
using Governance.Aws.Ledger;
using Governance.Aws.Sts;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Policy;
using Governance.Core.Routing;

namespace Governance.Functions;

/// <summary>
/// The ports the model package flows run on, built once per process. <see cref="FromEnvironment"/> wires the AWS
/// adapters; tests build one over an emulator or fakes and may wrap any port.
/// </summary>
public sealed record FlowServices(
    ITeamRegistry Team,
    ICentralRegistry Central,
    IArtifactStore Artifacts,
    IPipelineLauncher Launcher,
    INotifier Notifier,
    ILedgerWriter LedgerWriter,
    ILedgerReader LedgerReader,
    IIdempotencyStore Idempotency,
    TimeProvider Time)
{
    /// <summary>The policy RegistrySync judges packages by; null until loaded (see <see cref="WithConfiguration"/>).</summary>
    public PolicyEvaluator? Policy { get; init; }

    /// <summary>The routing DeploymentTrigger picks pipelines by; null until loaded.</summary>
    public DeploymentRouting? Routing { get; init; }

    /// <summary>The adapters over the process's AWS configuration (credentials chain, region, AWS_ENDPOINT_URL).</summary>
    public static FlowServices FromEnvironment(FunctionSettings settings, string handler) =>
        Create(settings, handler, AwsContext.FromEnvironment(), AwsSdkClients.FromEnvironment(), SdkCredentialSource.Default(), null);

    /// <summary>The AWS adapters over the given clients' configuration.</summary>
    /// <param name="sdkCredentials">Credentials for the SDK clients (DynamoDB, S3, STS); the default chain when null.</param>
    /// <param name="dynamo">The DynamoDB client to use; one from <paramref name="sdk"/> when null.</param>
    public static FlowServices Create(
        FunctionSettings settings,
        string handler,
        AwsContext aws,
        AwsSdkClients sdk,
        ICredentialSource centralCredentials,
        AWSCredentials? sdkCredentials,
        IAmazonDynamoDB? dynamo = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(sdk);
        var table = FunctionSettings.Require(settings.Table, FunctionSettings.TableVariable, handler, "the ledger table");
        var topic = FunctionSettings.Require(settings.TopicArn, FunctionSettings.TopicVariable, handler, "the notification topic ARN");
        var sync = handler == HandlerNames.RegistrySync;
        var bucket = sync ? FunctionSettings.Require(settings.ModelBucket, FunctionSettings.ModelBucketVariable, handler, "the central model bucket") : string.Empty;
        var reader = sync ? FunctionSettings.Require(settings.ReaderRole, FunctionSettings.ReaderRoleVariable, handler, "the name of the team accounts' reader role") : string.Empty;

        dynamo ??= sdk.DynamoDb(sdkCredentials);
        var roles = new RoleCredentialsCache(sdk.Sts(sdkCredentials), aws.Time);
        var centralSageMaker = aws.SageMaker(centralCredentials);
        return new FlowServices(
            new SageMakerTeamRegistry(aws, roles, reader),
            new SageMakerCentralRegistry(centralSageMaker),
            settings.CopierRoleArn is { } copier ? new S3ArtifactStore(CopierSession(sdk, roles, copier), bucket) : new S3ArtifactStore(sdk.S3(sdkCredentials), bucket),
            new PipelineLauncher(centralSageMaker, aws.CodePipeline(centralCredentials)),
            new SnsNotifier(aws.Sns(centralCredentials), topic, new NotificationComposer(new NotificationOptions(settings.QueryApiUrl))),
            new DynamoDbLedgerWriter(dynamo, table, aws.Time),
            new DynamoDbLedgerReader(dynamo, table, PageTokenCodec.WithRandomKey()),
            new DynamoDbIdempotencyStore(dynamo, table, aws.Time),
            aws.Time);
    }

    /// <summary>An S3 client acting as the copier role in a session tagged with the team account (see <see cref="S3ArtifactStore"/>).</summary>
    private static Func<string, CancellationToken, ValueTask<Amazon.S3.IAmazonS3>> CopierSession(AwsSdkClients sdk, RoleCredentialsCache roles, string copierRoleArn) =>
        async (account, cancellationToken) => sdk.S3(await roles.SdkCredentialsAsync(
            new AssumeRoleSpec(copierRoleArn, "artifact-copy-" + account) { SessionTags = new Dictionary<string, string> { ["source-account"] = account } },
            cancellationToken));

    /// <summary>Loads the policy (RegistrySync) or routing (DeploymentTrigger) file; errors name the file and every problem.</summary>
    public FlowServices WithConfiguration(FunctionSettings settings, string handler)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return handler == HandlerNames.RegistrySync
            ? this with { Policy = Policy ?? new PolicyEvaluator(PolicyLoader.Load(Read(settings.PolicyPath, FunctionSettings.PolicyPathVariable), settings.PolicyPath)) }
            : this with { Routing = Routing ?? DeploymentRouting.Load(Read(settings.RoutingPath, FunctionSettings.RoutingPathVariable), settings.RoutingPath) };
    }

    /// <summary>The monitor for a monitoring handler, over the ledger, with its settings file read and checked.</summary>
    public IEventMonitor Monitor(FunctionSettings settings, string handler)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var packages = new ModelPackages(LedgerReader, settings.CentralAccountId);
        var monitors = MonitorSettingsLoader.Load(Read(settings.MonitorsPath, FunctionSettings.MonitorsPathVariable), settings.MonitorsPath);
        return handler switch
        {
            HandlerNames.PipelineMonitor => new PipelineMonitor(LedgerWriter, LedgerReader, packages, Time),
            HandlerNames.ComplianceMonitor => new ComplianceMonitor(LedgerWriter, LedgerReader, packages, monitors, Time),
            HandlerNames.AuditTrail => new AuditTrail(LedgerWriter, LedgerReader, packages, monitors, Time),
            _ => throw new ArgumentException($"{handler} is not a monitoring handler", nameof(handler)),
        };
    }

    public RegistrySyncFlow SyncFlow() => new(new RegistrySyncPorts(
        Team, Central, Artifacts, Notifier,
        Policy ?? throw new InvalidOperationException("no policy loaded for RegistrySync"),
        LedgerWriter, Idempotency, Time));

    public DeploymentTriggerFlow DeploymentFlow() => new(new DeploymentTriggerPorts(
        LedgerReader, LedgerWriter, Idempotency, Launcher, Notifier,
        Routing ?? throw new InvalidOperationException("no routing loaded for DeploymentTrigger"),
        Time));

    private static string Read(string path, string variable) =>
        File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} does not exist: ship it next to the bootstrap under config/ or point {variable} at it");
}
