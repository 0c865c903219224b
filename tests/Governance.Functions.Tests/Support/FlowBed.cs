using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Ledger;
using Governance.Aws.SageMaker;
using Governance.Aws.Signing;
using Governance.Aws.Sqs;
using Governance.Aws.Sts;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Local;
using Governance.Testing;
using Governance.Testing.Aws;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Support;

/// <summary>
/// One test's emulated organisation on moto_server: the central account (ledger table, topic with the team's
/// filtered SQS subscriber, central bucket, a SageMaker deployment pipeline) and team account 111111111111
/// reached by AssumeRole (artifact bucket with objects, a package group, packages). Names are unique per bed.
/// </summary>
internal sealed class FlowBed : IDisposable
{
    public const string CentralAccount = MotoServer.DefaultAccountId;
    public const string TeamAccount = "111111111111";
    public const string ReaderRole = "GovernanceModelReader";
    public const string Approver = "arn:aws:sts::111111111111:assumed-role/DataScientist/jane";
    public const string RiskManager = "arn:aws:sts::123456789012:assumed-role/ModelRiskManager/omar";

    private static readonly ICredentialSource CentralCredentials =
        new StaticCredentialSource(new SigningCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey));

    /// <summary>Credentials acting in the central account.</summary>
    public static AWSCredentials SdkCredentials { get; } = new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey);

    private readonly RoleCredentialsCache _roles;
    private readonly ISageMakerClient _teamSageMaker;
    private readonly List<string> _files = [];
    private readonly string _routing;
    private IAmazonS3? _teamS3;

    private FlowBed(MotoServer moto)
    {
        var endpoints = new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? moto.Endpoint.ToString() : null);
        Aws = new AwsContext(MotoServer.Region, endpoints, SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default);
        Sdk = new AwsSdkClients(MotoServer.Region, endpoints);
        Dynamo = new RecordingDynamoDb(moto.Endpoint);
        _roles = new RoleCredentialsCache(Sdk.Sts(SdkCredentials), TimeProvider.System);
        _teamSageMaker = Aws.SageMaker(_roles.SourceFor(new AssumeRoleSpec($"arn:aws:iam::{TeamAccount}:role/TeamAdmin", "test-setup")));
        CentralSageMaker = Aws.SageMaker(CentralCredentials);
        var id = MotoServer.UniqueName("t")[2..];
        Team = "team-" + id;
        TeamGroup = "credit-" + id;
        TeamBucket = "team-ml-artifacts-" + id;
        CentralBucket = "governance-models-" + id;
        Table = "ledger-" + id;
        Pipeline = "deploy-" + id;
        _routing = ConfigFile($$$"""{"version":1,"routes":[{"name":"all","match":{"groupPattern":"*"},"target":{"type":"sageMakerPipeline","pipelineName":"{{{Pipeline}}}"}}]}""");
    }

    public AwsContext Aws { get; }

    public AwsSdkClients Sdk { get; }

    public RecordingDynamoDb Dynamo { get; }

    public ISageMakerClient CentralSageMaker { get; }

    /// <summary>SageMaker as the team account's administrator.</summary>
    public ISageMakerClient TeamSageMaker => _teamSageMaker;

    public string Team { get; }

    public string TeamGroup { get; }

    public string TeamBucket { get; }

    public string CentralBucket { get; }

    public string Table { get; }

    public string Pipeline { get; }

    public string TopicArn { get; private set; } = string.Empty;

    public string QueueUrl { get; private set; } = string.Empty;

    public DynamoDbLedgerReader Ledger => new(Dynamo, Table, PageTokenCodec.WithRandomKey());

    /// <summary>The functions' settings for this bed's accounts, with routing that sends every group to this bed's pipeline.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.CentralAccount] = CentralAccount,
        [SettingNames.Table] = Table,
        [SettingNames.TopicArn] = TopicArn,
        [SettingNames.ModelBucket] = CentralBucket,
        [SettingNames.ReaderRole] = ReaderRole,
        [SettingNames.RoutingPath] = _routing,
    };

    /// <summary>The AWS adapters over this bed's accounts, the DynamoDB client serialising its requests (see <see cref="RecordingDynamoDb"/>).</summary>
    public IPortFactory Ports => new AwsPortFactory(Aws with { Credentials = SdkCredentials }, Dynamo);

    public static async Task<FlowBed> CreateAsync(MotoServer moto)
    {
        var bed = new FlowBed(moto);
        await bed.ProvisionAsync();
        return bed;
    }

    /// <summary>The function composed from this bed's settings, over <paramref name="ports"/> (the bed's AWS adapters by default) with <paramref name="overrides"/>.</summary>
    /// <param name="settings">Settings that replace the bed's (e.g. another routing file).</param>
    public (IFunctionHandler Function, LineCapture Lines) Function(
        string handler, PortOverrides? overrides = null, IPortFactory? ports = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var lines = new LineCapture();
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", handler, 512, LogLevel.Debug), lines, TimeProvider.System).CreateLogger();
        var metrics = new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", handler), lines, TimeProvider.System);
        var values = Settings;
        string? Setting(string name) => settings?.GetValueOrDefault(name) ?? values.GetValueOrDefault(name);
        return (FunctionCatalog.Create(handler, Setting, logger, metrics, new OverriddenPorts(ports ?? Ports, overrides ?? new PortOverrides())), lines);
    }

    /// <summary>A configuration file (policy, routing…) holding <paramref name="json"/>, removed with the bed.</summary>
    public string ConfigFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "governance-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    public static async Task<JsonElement> InvokeAsync(IFunctionHandler function, string handler, byte[] payload)
    {
        var response = await function.HandleAsync(payload, TestFunctions.Context(handler), CancellationToken.None);
        using var document = JsonDocument.Parse(response);
        return document.RootElement.Clone();
    }

    /// <summary>A package in the team group, approved; compliant with the shipped policy unless told otherwise.</summary>
    /// <param name="modelData">Where its model data is, instead of the team bucket.</param>
    public async Task<string> TeamPackageAsync(bool compliant = true, bool withArtifacts = true, string? modelData = null)
    {
        var team = await TeamAccessAsync();
        if (withArtifacts)
        {
            await OrganisationProvisioner.PutArtifactsAsync(
                team, TeamBucket, TeamPackage.Artifacts("v1", "model weights " + TeamGroup, """{"auc":0.91}""", """{"facets":{}}"""), CancellationToken.None);
        }

        var image = compliant ? TeamPackage.EcrImage(TeamAccount, MotoServer.Region, "credit-risk", TeamGroup) : "docker.io/someone/credit:latest";
        var package = TeamPackage.Versioned(TeamGroup, "credit risk model", image, $"s3://{TeamBucket}/v1") with
        {
            ModelArtifact = modelData ?? $"s3://{TeamBucket}/v1/model.tar.gz",
            CustomerMetadata = compliant
                ? new Dictionary<string, string> { ["owner"] = "jane@example.com", ["risk-tier"] = "high", ["intended-use"] = "credit decisions" }
                : new Dictionary<string, string> { ["owner"] = "jane@example.com" },
        };
        return await OrganisationProvisioner.RegisterAsync(team, package, CancellationToken.None);
    }

    /// <summary>Puts objects (key → content) into the team's artifact bucket.</summary>
    public async Task PutTeamObjectsAsync(IReadOnlyDictionary<string, string> objects) =>
        await OrganisationProvisioner.PutArtifactsAsync(await TeamAccessAsync(), TeamBucket, objects, CancellationToken.None);

    /// <summary>The approval event SageMaker would send for a team package.</summary>
    public async Task<byte[]> TeamApprovalAsync(string packageArn, string? eventId = null)
    {
        var described = await _teamSageMaker.DescribeModelPackageAsync(packageArn, CancellationToken.None);
        return ApprovalEvent.Build(described.Document, eventId ?? Guid.NewGuid().ToString(), "Approved",
            new Dictionary<string, string> { ["team"] = Team, ["data-classification"] = "confidential" }, Approver);
    }

    /// <summary>The event SageMaker would send when a model risk manager approves or rejects the central package.</summary>
    public async Task<byte[]> CentralDecisionAsync(string centralArn, string status, string? eventId = null)
    {
        await ApprovalEvent.DecideAsync(CentralSageMaker, centralArn, status);
        var described = await CentralSageMaker.DescribeModelPackageAsync(centralArn, CancellationToken.None);
        return ApprovalEvent.Build(described.Document, eventId ?? Guid.NewGuid().ToString(), status,
            new Dictionary<string, string> { ["team"] = Team }, RiskManager);
    }

    public async Task<IReadOnlyList<ModelPackageSummary>> CentralPackagesAsync()
    {
        try
        {
            return await CentralSageMaker.ListModelPackagesAsync(new ModelPackageQuery { ModelPackageGroupName = TeamGroup }, CancellationToken.None).ToListAsync();
        }
        catch (AwsServiceException)
        {
            return [];
        }
    }

    /// <summary>The notifications the team's subscriber received since the last call: (eventType attribute, sqs body).</summary>
    public async Task<IReadOnlyList<(string EventType, JsonElement Body)>> NotificationsAsync()
    {
        using var sqs = Sdk.Sqs(SdkCredentials);
        var queues = new SqsQueues(sqs);
        var received = await queues.DrainAsync(QueueUrl, 50, CancellationToken.None);
        return [.. received.Select(message =>
        {
            using var envelope = JsonDocument.Parse(message.Body);
            var type = envelope.RootElement.GetProperty("MessageAttributes").GetProperty("eventType").GetProperty("Value").GetString()!;
            using var body = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
            return (type, body.RootElement.Clone());
        })];
    }

    /// <summary>DescribePipelineExecution, which the service never calls: sent raw through the json channel.</summary>
    public Task<JsonElement> DescribePipelineExecutionAsync(string executionArn) =>
        Aws.JsonChannel(AwsService.SageMaker, CentralCredentials)
            .CallAsync("DescribePipelineExecution", new JsonObject { ["PipelineExecutionArn"] = executionArn }, CancellationToken.None);

    public async Task<IReadOnlyList<string>> ObjectKeysAsync(string bucket)
    {
        var listed = await Sdk.S3(SdkCredentials).ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return [.. (listed.S3Objects ?? []).Select(item => item.Key)];
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        _teamS3?.Dispose();
        _roles.Dispose();
        Dynamo.Dispose();
    }

    private async Task<TeamAccess> TeamAccessAsync() =>
        new(_teamSageMaker, _teamS3 ??= Sdk.S3(await _roles.SdkCredentialsAsync(new AssumeRoleSpec($"arn:aws:iam::{TeamAccount}:role/TeamAdmin", "test-setup"), CancellationToken.None)));

    private async Task ProvisionAsync()
    {
        var central = await new OrganisationProvisioner(Aws with { Credentials = SdkCredentials }).CentralAsync(
            new CentralAccountSpec(CentralAccount, Table, MotoServer.UniqueName("topic"), CentralBucket, Pipeline) { Subscriber = new TeamSubscriber(MotoServer.UniqueName("alerts"), Team) },
            CancellationToken.None,
            Dynamo);
        TopicArn = central.TopicArn;
        QueueUrl = central.SubscriberQueueUrl!;
        await OrganisationProvisioner.TeamAsync(
            await TeamAccessAsync(), new TeamAccountSpec(TeamBucket, TeamGroup, [new ResourceTag("team", Team), new ResourceTag("cost-center", "cc-4417")]), CancellationToken.None);
    }
}
