using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
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
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Local;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Iam;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// One test's organisation on the IAM-enforcing moto (<see cref="IamMoto"/>): the central resources and the team
/// account's package, bucket and reader role (its trust and permissions from templates/team-account.yaml),
/// all created by the test's administrators; and per function a role holding exactly that function's inline
/// policies from template.yaml, resolved for this bed's names and restated for moto
/// (<see cref="MotoPolicyProjection"/>). A function runs with the temporary credentials of its own role, as on
/// Lambda. Every log line, every credential issued and every Authorization / session-token value sent on the
/// wire is kept, so tests can check that no secret reached a log.
/// </summary>
internal sealed class SecureBed : IDisposable
{
    public const string CentralAccount = MotoServer.DefaultAccountId;
    public const string TeamAccount = FlowBed.TeamAccount;
    public const string OrganizationId = "o-a1b2c3d4e5";
    /// <summary>The SageMaker pipeline config/routing.json routes to, the only one DeploymentTrigger's template role may start; beds share it.</summary>
    public const string RoutedPipeline = "model-deployment";

    public const string PageTokenKey = "c2VjdXJpdHktYmVkLXBhZ2UtdG9rZW4ta2V5LW9mLTMyLWJ5dGVzIQ==";

    /// <summary>The page-token secret the template's lineage API role may read (the bed passes its key directly).</summary>
    public static string PageTokenSecretArn => $"arn:aws:secretsmanager:{MotoServer.Region}:{CentralAccount}:secret:governance-page-token-AbCdEf";

    private readonly IamMoto _iam;
    private readonly WireRecorder _wire = new(new SocketsHttpHandler());
    private readonly MotoFormEncodingShim _shim;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, SigningCredentials> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<SigningCredentials>> _principals = new();
    private readonly ConcurrentBag<LogCapture> _captures = [];
    private readonly ConcurrentBag<string> _secrets = [];
    private readonly string _id = MotoServer.UniqueName("s")[2..];
    private readonly string _routing = Path.Combine(Path.GetTempPath(), "governance-routing-" + Guid.NewGuid().ToString("N") + ".json");
    private SigningCredentials _teamAdmin = null!;
    private IAmazonS3? _teamS3;

    private SecureBed(IamMoto iam)
    {
        _iam = iam;
        _shim = new MotoFormEncodingShim(key => _issued.GetValueOrDefault(key), _wire);
        _http = new HttpClient(_shim, disposeHandler: false);
        var endpoints = new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? iam.Endpoint.ToString() : null);
        Aws = new AwsContext(MotoServer.Region, endpoints, _http, TimeProvider.System, AwsRetryOptions.Default);
        Team = "team-" + _id;
        TeamGroup = "credit-" + _id;
        TeamBucket = "team-ml-artifacts-" + _id;
        CentralBucket = "governance-models-" + _id;
        Table = "ledger-" + _id;
        Pipeline = RoutedPipeline;
        File.WriteAllText(_routing, $$$"""{"version":1,"routes":[{"name":"all","match":{"groupPattern":"*"},"target":{"type":"sageMakerPipeline","pipelineName":"{{{Pipeline}}}"}}]}""");
        ReaderRole = "GovernanceModelReader-" + _id;
        Remember(iam.Admin);
    }

    public AwsContext Aws { get; }

    public AwsSdkClients Sdk => _iam.Sdk;

    public string Team { get; }

    public string TeamGroup { get; }

    public string TeamBucket { get; }

    public string CentralBucket { get; }

    public string Table { get; }

    public string Pipeline { get; }

    public string ReaderRole { get; }

    public string TopicArn { get; private set; } = string.Empty;

    public string QueueUrl { get; private set; } = string.Empty;

    public string TableArn => $"arn:aws:dynamodb:{MotoServer.Region}:{CentralAccount}:table/{Table}";

    public ISageMakerClient AdminSageMaker => Aws.SageMaker(new StaticCredentialSource(_iam.Admin));

    /// <summary>Every secret this bed has seen: keys, secret keys and session tokens issued, signatures and Authorization values sent, the page-token key.</summary>
    public IReadOnlyCollection<string> Secrets => [.. _secrets, .. _wire.Values, .. _shim.Replaced, PageTokenKey];

    /// <summary>Every log and metric line every function of this bed wrote.</summary>
    public IReadOnlyList<string> LogLines => [.. _captures.SelectMany(capture => capture.Lines())];

    /// <summary>The functions' settings for this bed, with routing that sends every group to the routed pipeline.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.CentralAccount] = CentralAccount,
        [SettingNames.Table] = Table,
        [SettingNames.TopicArn] = TopicArn,
        [SettingNames.ModelBucket] = CentralBucket,
        [SettingNames.ReaderRole] = ReaderRole,
        [SettingNames.CopierRoleArn] = CopierRoleArn,
        [SettingNames.RoutingPath] = _routing,
    };

    /// <summary>The artifact copier role of template.yaml, as this bed's stack names it.</summary>
    public string CopierRoleArn => $"arn:aws:iam::{CentralAccount}:role/{StackName}-artifact-copier";

    private string StackName => "gov-" + _id;

    public static async Task<SecureBed> CreateAsync(IamMoto iam)
    {
        var bed = new SecureBed(iam);
        await bed.ProvisionAsync();
        return bed;
    }

    /// <summary>The role SAM creates for <paramref name="handler"/>'s function, resolved for this bed (not restated for moto).</summary>
    public TemplateRole TemplateRoleOf(string handler) => TemplateRoles.ForFunction(_iam.CentralTemplate, handler + "Function", CentralBindings());

    /// <summary>The reader role of templates/team-account.yaml, resolved for this bed's team account.</summary>
    public TemplateRole ReaderTemplateRole() => TemplateRoles.Role(_iam.TeamTemplate, "ReaderRole", TeamBindings());

    /// <summary>The artifact copier role of template.yaml, resolved for this bed.</summary>
    public TemplateRole CopierTemplateRole() => TemplateRoles.Role(_iam.CentralTemplate, "ArtifactCopierRole", CentralBindings());

    public string RoleArnOf(string handler) => $"arn:aws:iam::{CentralAccount}:role/{RoleNameOf(handler)}";

    /// <summary>Temporary credentials of the role holding exactly <paramref name="handler"/>'s template policies.</summary>
    public Task<SigningCredentials> CredentialsOfAsync(string handler) => _principals.GetOrAdd(handler, CreatePrincipalAsync);

    /// <summary>The real function with real adapters, acting with the credentials of <paramref name="actingAs"/>'s role (its own by default).</summary>
    public async Task<(IFunctionHandler Function, LogCapture Lines)> FunctionAsync(string handler, string? actingAs = null)
    {
        var credentials = await CredentialsOfAsync(actingAs ?? handler);
        var lines = new LogCapture();
        _captures.Add(lines);
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", handler, 512, LogLevel.Debug), lines, TimeProvider.System).CreateLogger();
        if (handler == HandlerNames.LineageApi)
        {
            var variables = new Dictionary<string, string>
            {
                [SettingNames.Table] = Table,
                [SettingNames.CentralAccount] = CentralAccount,
                [SettingNames.Region] = MotoServer.Region,
                [SettingNames.PageTokenSecretArn] = "governance-page-token-key",
                [SettingNames.ScopingFile] = RepositoryRoot.Combine("config", "scoping.json"),
            };

            // The key the secret would hold (reading it at INIT is PageTokenKeyMotoTests' subject).
            return (LineageApiFunction.Create(
                LineageApiOptions.Read(name => variables.GetValueOrDefault(name)), Convert.FromBase64String(PageTokenKey), Sdk.DynamoDb(IamMoto.SdkCredentials(credentials)), logger), lines);
        }

        var metrics = new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", handler), lines, TimeProvider.System);
        var settings = Settings;
        var ports = new AwsPortFactory(Aws with { Credentials = IamMoto.SdkCredentials(credentials) });
        return (FunctionCatalog.Create(handler, name => settings.GetValueOrDefault(name), logger, metrics, ports), lines);
    }

    /// <summary>A package in the team group, approved and compliant with the shipped policy.</summary>
    public async Task<string> TeamPackageAsync()
    {
        var team = TeamAdmin();
        await OrganisationProvisioner.PutArtifactsAsync(
            team, TeamBucket, TeamPackage.Artifacts("v1", "model weights " + TeamGroup, """{"auc":0.91}""", """{"facets":{}}"""), CancellationToken.None);
        var package = TeamPackage.Versioned(TeamGroup, "credit risk model", TeamPackage.EcrImage(TeamAccount, MotoServer.Region, "credit-risk", TeamGroup), $"s3://{TeamBucket}/v1") with
        {
            CustomerMetadata = new Dictionary<string, string> { ["owner"] = "jane@example.com", ["risk-tier"] = "high", ["intended-use"] = "credit decisions" },
        };
        return await OrganisationProvisioner.RegisterAsync(team, package, CancellationToken.None);
    }

    public async Task<byte[]> TeamApprovalAsync(string packageArn)
    {
        var described = await TeamSageMaker().DescribeModelPackageAsync(packageArn, CancellationToken.None);
        return ApprovalEvent.Build(described.Document, Guid.NewGuid().ToString(), "Approved",
            new Dictionary<string, string> { ["team"] = Team, ["data-classification"] = "confidential" }, FlowBed.Approver);
    }

    public async Task<byte[]> CentralDecisionAsync(string centralArn, string status)
    {
        await ApprovalEvent.DecideAsync(AdminSageMaker, centralArn, status);
        var described = await AdminSageMaker.DescribeModelPackageAsync(centralArn, CancellationToken.None);
        return ApprovalEvent.Build(described.Document, Guid.NewGuid().ToString(), status, new Dictionary<string, string> { ["team"] = Team }, FlowBed.RiskManager);
    }

    public async Task<IReadOnlyList<ModelPackageSummary>> CentralPackagesAsync()
    {
        try
        {
            return await AdminSageMaker.ListModelPackagesAsync(new ModelPackageQuery { ModelPackageGroupName = TeamGroup }, CancellationToken.None).ToListAsync();
        }
        catch (AwsResourceNotFoundException)
        {
            return [];
        }
    }

    public async Task<IReadOnlyList<string>> NotificationTypesAsync()
    {
        using var sqs = Sdk.Sqs(IamMoto.SdkCredentials(_iam.Admin));
        var queues = new SqsQueues(sqs);
        var received = await queues.DrainAsync(QueueUrl, 50, CancellationToken.None);
        return [.. received.Select(message =>
        {
            using var envelope = JsonDocument.Parse(message.Body);
            return envelope.RootElement.GetProperty("MessageAttributes").GetProperty("eventType").GetProperty("Value").GetString()!;
        })];
    }

    public async Task<IReadOnlyList<string>> CentralObjectKeysAsync()
    {
        using var s3 = Sdk.S3(IamMoto.SdkCredentials(_iam.Admin));
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = CentralBucket });
        return [.. (listed.S3Objects ?? []).Select(item => item.Key)];
    }

    /// <summary>A reader over the ledger with the administrator's credentials.</summary>
    public DynamoDbLedgerReader AdminLedger() => new(Sdk.DynamoDb(IamMoto.SdkCredentials(_iam.Admin)), Table, PageTokenCodec.WithRandomKey());

    /// <summary>Adds text that must never appear in a log (e.g. credentials a test created itself).</summary>
    public void Remember(SigningCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _issued[credentials.AccessKeyId] = credentials;
        _secrets.Add(credentials.AccessKeyId);
        _secrets.Add(credentials.SecretAccessKey);
        if (credentials.SessionToken is { } token)
        {
            _secrets.Add(token);
        }
    }

    public void Dispose()
    {
        File.Delete(_routing);
        _teamS3?.Dispose();
        _http.Dispose();
        _shim.Dispose();
        _wire.Dispose();
    }

    private string RoleNameOf(string handler) => $"{handler}-{_id}";

    private StackBindings CentralBindings()
    {
        var attributes = new Dictionary<string, string>
        {
            ["LedgerTable.Arn"] = TableArn,
            ["ModelBucket.Arn"] = $"arn:aws:s3:::{CentralBucket}",
            ["LedgerDigestBucket.Arn"] = $"arn:aws:s3:::ledger-digests-{_id}",
            ["ModelBucketKey.Arn"] = $"arn:aws:kms:{MotoServer.Region}:{CentralAccount}:key/model-bucket-{_id}",
            ["RegistrySyncFunctionRole.Arn"] = RoleArnOf(HandlerNames.RegistrySync),
        };
        foreach (var name in HandlerNames.All)
        {
            attributes[$"{name}DeadLetterQueue.Arn"] = $"arn:aws:sqs:{MotoServer.Region}:{CentralAccount}:{name}-dlq-{_id}";
        }

        return new StackBindings(CentralAccount, MotoServer.Region)
        {
            StackName = StackName,
            Parameters = new Dictionary<string, JsonNode> { ["OrganizationId"] = OrganizationId, ["ReaderRoleName"] = ReaderRole },
            References = new Dictionary<string, string>
            {
                ["LedgerTable"] = Table,
                ["NotificationTopic"] = TopicArn,
                ["ModelBucket"] = CentralBucket,
                ["PageTokenSecret"] = PageTokenSecretArn,
            },
            Attributes = attributes,
        };
    }

    private StackBindings TeamBindings() => new(TeamAccount, MotoServer.Region)
    {
        Parameters = new Dictionary<string, JsonNode>
        {
            ["ReaderRoleName"] = ReaderRole,
            ["CentralRoleArn"] = RoleArnOf(HandlerNames.RegistrySync),
            ["ArtifactCopierRoleArn"] = CopierRoleArn,
            ["CentralBusArn"] = $"arn:aws:events:{MotoServer.Region}:{CentralAccount}:event-bus/governance-bus",
            ["ArtifactBucketArns"] = new JsonArray($"arn:aws:s3:::{TeamBucket}"),
        },
    };

    private async Task<SigningCredentials> CreatePrincipalAsync(string handler)
    {
        var role = TemplateRoleOf(handler);
        var iam = new IamClient(Aws, _iam.Admin);
        // Lambda assumes the role for the function; here the test's administrator does, so the trust names it.
        await iam.CreateRoleAsync(RoleNameOf(handler), IamClient.TrustedBy(IamMoto.AdminArn), CancellationToken.None);
        foreach (var policy in role.Policies)
        {
            await iam.PutRolePolicyAsync(RoleNameOf(handler), policy.Name, MotoPolicyProjection.Project(policy.Document), CancellationToken.None);
        }

        var credentials = await _iam.AssumeAsync(_iam.Admin, RoleArnOf(handler), handler);
        Remember(credentials);
        return credentials;
    }

    private ISageMakerClient TeamSageMaker() => Aws.SageMaker(new StaticCredentialSource(_teamAdmin));

    private IAmazonS3 TeamS3() => _teamS3 ??= Sdk.S3(IamMoto.SdkCredentials(_teamAdmin));

    private TeamAccess TeamAdmin() => new(TeamSageMaker(), TeamS3());

    private async Task ProvisionAsync()
    {
        var central = await new OrganisationProvisioner(Aws with { Credentials = IamMoto.SdkCredentials(_iam.Admin) }).CentralAsync(
            new CentralAccountSpec(CentralAccount, Table, MotoServer.UniqueName("topic"), CentralBucket, Pipeline) { Subscriber = new TeamSubscriber(MotoServer.UniqueName("alerts"), Team) },
            CancellationToken.None);
        TopicArn = central.TopicArn;
        QueueUrl = central.SubscriberQueueUrl!;
        _teamAdmin = await _iam.AssumeAsync(_iam.Admin, IamMoto.TeamAdminArn(TeamAccount), "team-setup");
        Remember(_teamAdmin);
        await OrganisationProvisioner.TeamAsync(
            TeamAdmin(), new TeamAccountSpec(TeamBucket, TeamGroup, [new ResourceTag("team", Team), new ResourceTag("cost-center", "cc-4417")]), CancellationToken.None);

        // The copier role: RegistrySync assumes it for each copy. Its template trust names RegistrySync's role, which
        // AWS matches against any session of that role; moto compares the caller's session ARN literally, so the bed's
        // trust names RegistrySync's session (the tag conditions are proven by the IAM evaluation engine).
        var copier = CopierTemplateRole();
        var centralIam = new IamClient(Aws, _iam.Admin);
        var registrySyncSession = $"arn:aws:sts::{CentralAccount}:assumed-role/{RoleNameOf(HandlerNames.RegistrySync)}/{HandlerNames.RegistrySync}";
        await centralIam.CreateRoleAsync(StackName + "-artifact-copier", IamClient.TrustedBy(registrySyncSession), CancellationToken.None);
        foreach (var policy in copier.Policies)
        {
            await centralIam.PutRolePolicyAsync(StackName + "-artifact-copier", policy.Name, MotoPolicyProjection.Project(policy.Document), CancellationToken.None);
        }

        var reader = ReaderTemplateRole();
        var teamIam = new IamClient(Aws, _teamAdmin);
        await teamIam.CreateRoleAsync(ReaderRole, reader.TrustPolicy, CancellationToken.None);
        foreach (var policy in reader.Policies)
        {
            await teamIam.PutRolePolicyAsync(ReaderRole, policy.Name, MotoPolicyProjection.Project(policy.Document), CancellationToken.None);
        }
    }
}
