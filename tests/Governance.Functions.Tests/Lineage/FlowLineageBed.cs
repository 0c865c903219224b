using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws.SageMaker;
using Governance.Aws.Sts;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Local.Lambda;
using Governance.Local;
using Governance.Testing;

namespace Governance.Functions.Tests.Lineage;

/// <summary>
/// One ledger filled by the real functions on moto_server, built once per moto server and shared by the flow
/// lineage tests. Two teams: credit (account 111111111111) syncs v1 and v2 of its group; fraud (222222222222)
/// syncs v1 of its own. For each team, v1 is approved centrally, deployed by the SageMaker pipeline (its
/// Succeeded event reaches PipelineMonitor), then CloudTrail reports the deployment pipeline's CreateModel,
/// CreateEndpointConfig and CreateEndpoint in the team account (AuditTrail), and Config finds the endpoint
/// NON_COMPLIANT (ComplianceMonitor). Credit's v2 is rejected centrally. A data scientist's UpdateEndpoint on
/// credit's endpoint is out of band (<see cref="IntruderUpdateAt"/>). CloudTrail and Config events happen from
/// <see cref="AuditStart"/> on (credit's in its first five minutes, fraud's in the next five), an hour after
/// setup, so a time window holds exactly them. Credit v1 and fraud v1 carry byte-identical bias reports: one
/// Artifact node (artifacts are known by checksum) filed at both teams' locations.
/// </summary>
internal sealed class FlowLineageBed
{
    public const string FraudAccount = "222222222222";
    public const string CommitId = "4f1c2b9e7a3d";
    public const string Repository = "https://git.example.com/credit/scoring-model";
    public const string KmsRule = "sagemaker-endpoint-configuration-kms-key-configured";
    public const string Intruder = "arn:aws:sts::111111111111:assumed-role/DataScientist/bob";
    public const string CreditLead = "arn:aws:sts::111111111111:assumed-role/ml-lead/jane";
    public const string FraudLead = "arn:aws:sts::222222222222:assumed-role/ml-lead/kim";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<Uri, FlowLineageBed> Beds = [];
    private static readonly AWSCredentials SdkCredentials = new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey);

    private FlowLineageBed(FlowBed bed, LineageApiHarness api, DateTimeOffset auditStart, TeamVersions credit, TeamVersions fraud)
    {
        Bed = bed;
        Api = api;
        AuditStart = auditStart;
        Credit = credit;
        Fraud = fraud;
    }

    public FlowBed Bed { get; }

    /// <summary>The LineageApi function over the bed's table (through its read-recording client), scoped by <c>Fixtures/flow-scoping.json</c>.</summary>
    public LineageApiHarness Api { get; }

    public DateTimeOffset AuditStart { get; }

    /// <summary>When the data scientist's UpdateEndpoint re-pointed credit's endpoint (at the same config).</summary>
    public DateTimeOffset IntruderUpdateAt => AuditStart.AddMinutes(4);

    public TeamVersions Credit { get; }

    public TeamVersions Fraud { get; }

    public static string DeployRole(string account) => $"arn:aws:iam::{account}:role/DeploymentPipeline";

    public static async Task<FlowLineageBed> GetAsync(MotoServer moto)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Beds.TryGetValue(moto.Endpoint, out var built))
            {
                built = await BuildAsync(moto);
                Beds[moto.Endpoint] = built;
            }

            return built;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FlowLineageBed> BuildAsync(MotoServer moto)
    {
        var bed = await FlowBed.CreateAsync(moto);
        var auditStart = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(1).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var credit = await Team.CreateAsync(bed, FlowBed.TeamAccount, "credit", "arn:aws:sts::111111111111:assumed-role/DataScientist/jane", withCommit: true);
        var fraud = await Team.CreateAsync(bed, FraudAccount, "fraud", "arn:aws:sts::222222222222:assumed-role/DataScientist/kim", withCommit: false);

        var creditV1 = await credit.SyncAsync(1);
        var creditV2 = await credit.SyncAsync(2);
        var fraudV1 = await fraud.SyncAsync(1);
        var creditDeployment = await credit.DeployAsync(creditV1, auditStart);
        var fraudDeployment = await fraud.DeployAsync(fraudV1, auditStart.AddMinutes(5));
        await DecideAsync(bed, creditV2.Central, "Rejected");
        await AuditAsync(bed, CloudTrail(FlowBed.TeamAccount, "UpdateEndpoint", auditStart.AddMinutes(4), Intruder,
            new JsonObject { ["endpointName"] = creditDeployment.EndpointName, ["endpointConfigName"] = creditDeployment.EndpointConfigName },
            new JsonObject { ["endpointArn"] = creditDeployment.EndpointArn }));

        var api = LineageApiHarness.Over(bed.Dynamo, bed.Table, RepositoryRoot.Combine("tests", "Governance.Functions.Tests", "Lineage", "Fixtures", "flow-scoping.json"));
        return new FlowLineageBed(bed, api, auditStart,
            new TeamVersions(credit.Account, credit.Group, credit.Bucket, [creditV1, creditV2], creditDeployment),
            new TeamVersions(fraud.Account, fraud.Group, fraud.Bucket, [fraudV1], fraudDeployment));
    }

    private static async Task DecideAsync(FlowBed bed, string central, string status)
    {
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);
        var result = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, status));
        Assert.Equal("processed", result.GetProperty("outcome").GetString());
    }

    private static async Task AuditAsync(FlowBed bed, byte[] call)
    {
        var (audit, _) = bed.Function(HandlerNames.AuditTrail);
        var result = await FlowBed.InvokeAsync(audit, HandlerNames.AuditTrail, call);
        Assert.Equal("processed", result.GetProperty("outcome").GetString());
    }

    /// <summary>A CloudTrail management event as EventBridge delivers it ("AWS API Call via CloudTrail"), by an assumed-role session.</summary>
    private static byte[] CloudTrail(string account, string eventName, DateTimeOffset at, string session, JsonObject request, JsonObject response) =>
        CloudTrailCalls.Bytes(CloudTrailCalls.SageMakerCall(account, MotoServer.Region, eventName, at, session, request, response));

    /// <summary>A "Config Rules Compliance Change" of a SageMaker endpoint, as EventBridge delivers it (no resources, identity by type and id).</summary>
    private static byte[] ConfigNonCompliant(string account, string endpointName, DateTimeOffset at)
    {
        var qualifier = new JsonObject
        {
            ["configRuleName"] = KmsRule,
            ["resourceType"] = "AWS::SageMaker::Endpoint",
            ["resourceId"] = endpointName,
            ["evaluationMode"] = "DETECTIVE",
        };
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "Config Rules Compliance Change",
            ["source"] = "aws.config",
            ["account"] = account,
            ["time"] = Iso(at),
            ["region"] = MotoServer.Region,
            ["resources"] = new JsonArray(),
            ["detail"] = new JsonObject
            {
                ["resourceId"] = endpointName,
                ["awsRegion"] = MotoServer.Region,
                ["awsAccountId"] = account,
                ["configRuleName"] = KmsRule,
                ["recordVersion"] = "1.0",
                ["configRuleARN"] = $"arn:aws:config:{MotoServer.Region}:{account}:config-rule/config-rule-kms01",
                ["messageType"] = "ComplianceChangeNotification",
                ["newEvaluationResult"] = new JsonObject
                {
                    ["evaluationResultIdentifier"] = new JsonObject { ["evaluationResultQualifier"] = qualifier, ["orderingTimestamp"] = Iso(at) },
                    ["complianceType"] = "NON_COMPLIANT",
                    ["resultRecordedTime"] = Iso(at),
                    ["configRuleInvokedTime"] = Iso(at.AddSeconds(-1)),
                    ["annotation"] = "The endpoint's configuration has no KMS key.",
                },
                ["oldEvaluationResult"] = new JsonObject
                {
                    ["evaluationResultIdentifier"] = new JsonObject { ["evaluationResultQualifier"] = qualifier.DeepClone(), ["orderingTimestamp"] = Iso(at.AddHours(-1)) },
                    ["complianceType"] = "COMPLIANT",
                    ["resultRecordedTime"] = Iso(at.AddHours(-1)),
                    ["configRuleInvokedTime"] = Iso(at.AddHours(-1)),
                },
                ["notificationCreationTime"] = Iso(at),
                ["resourceType"] = "AWS::SageMaker::Endpoint",
            },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    /// <summary>A "SageMaker Model Building Pipeline Execution Status Change" (camelCase detail, pipeline and execution in resources).</summary>
    private static byte[] PipelineStatus(string executionArn, string status)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var now = DateTimeOffset.UtcNow;
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "SageMaker Model Building Pipeline Execution Status Change",
            ["source"] = "aws.sagemaker",
            ["account"] = executionArn.Split(':')[4],
            ["time"] = Iso(now),
            ["region"] = MotoServer.Region,
            ["resources"] = new JsonArray(pipelineArn, executionArn),
            ["detail"] = new JsonObject
            {
                ["currentPipelineExecutionStatus"] = status,
                ["previousPipelineExecutionStatus"] = "Executing",
                ["executionStartTime"] = Iso(now.AddMinutes(-5)),
                ["executionEndTime"] = Iso(now),
                ["pipelineArn"] = pipelineArn,
                ["pipelineExecutionArn"] = executionArn,
            },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A team account with its artifact bucket and package group, reached by AssumeRole.</summary>
    private sealed class Team
    {
        private readonly FlowBed _bed;
        private readonly ISageMakerClient _sageMaker;
        private readonly IAmazonS3 _s3;
        private readonly string _approver;
        private readonly bool _withCommit;

        private Team(FlowBed bed, string account, string name, string approver, bool withCommit, ISageMakerClient sageMaker, IAmazonS3 s3)
        {
            _bed = bed;
            _sageMaker = sageMaker;
            _s3 = s3;
            _approver = approver;
            _withCommit = withCommit;
            Account = account;
            var id = bed.Table["ledger-".Length..];
            Name = $"team-{name}-{id}";
            Group = $"{name}-{id}";
            Bucket = $"{name}-ml-artifacts-{id}";
        }

        public string Account { get; }

        public string Name { get; }

        public string Group { get; }

        public string Bucket { get; }

        private TeamAccess Access => new(_sageMaker, _s3);

        public string Digest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Group)));

        public static async Task<Team> CreateAsync(FlowBed bed, string account, string name, string approver, bool withCommit)
        {
            var roles = new RoleCredentialsCache(bed.Sdk.Sts(SdkCredentials), TimeProvider.System);
            var spec = new AssumeRoleSpec($"arn:aws:iam::{account}:role/TeamAdmin", "lineage-setup");
            var team = new Team(bed, account, name, approver, withCommit, bed.Aws.SageMaker(roles.SourceFor(spec)), bed.Sdk.S3(await roles.SdkCredentialsAsync(spec, CancellationToken.None)));
            await OrganisationProvisioner.TeamAsync(
                team.Access, new TeamAccountSpec(team.Bucket, team.Group, [new ResourceTag("team", team.Name), new ResourceTag("cost-center", "cc-" + name)]), CancellationToken.None);
            return team;
        }

        /// <summary>Creates, approves and syncs the team's next package; the sync must create its central copy.</summary>
        public async Task<SyncedVersion> SyncAsync(int version)
        {
            var prefix = $"s3://{Bucket}/v{version}";
            var bias = version == 1 ? """{"facets":{}}""" : $$"""{"facets":{},"v":{{version}}}""";
            await OrganisationProvisioner.PutArtifactsAsync(
                Access, Bucket, TeamPackage.Artifacts($"v{version}", $"weights {Group} {version}", $$"""{"auc":0.9{{version}},"group":"{{Group}}"}""", bias), CancellationToken.None);
            var package = TeamPackage.Versioned(Group, $"{Group} v{version}", TeamPackage.EcrImage(Account, MotoServer.Region, Group, Group), prefix) with
            {
                CustomerMetadata = new Dictionary<string, string> { ["owner"] = "owner@example.com", ["risk-tier"] = "high", ["intended-use"] = "decisions" },
                SourceCommit = _withCommit ? CommitId : null,
                SourceRepository = _withCommit ? Repository : null,
            };
            var source = await OrganisationProvisioner.RegisterAsync(Access, package, CancellationToken.None);
            var described = await _sageMaker.DescribeModelPackageAsync(source, CancellationToken.None);
            var (sync, _) = _bed.Function(HandlerNames.RegistrySync);
            var approval = ApprovalEvent.Build(described.Document, Guid.NewGuid().ToString(), "Approved",
                new Dictionary<string, string> { ["team"] = Name, ["data-classification"] = "confidential" }, _approver);
            var result = await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval);
            Assert.Equal("processed", result.GetProperty("outcome").GetString());
            var copies = await _bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.SourcePackage, source), LineageDirection.Downstream, NodeTypes.CentralPackage, new PageRequest(10), CancellationToken.None);
            return new SyncedVersion(source, Assert.Single(copies.Items).To.Id, _approver, $"{prefix}/");
        }

        /// <summary>Central approval, the pipeline's success, the deployment's CloudTrail calls from <paramref name="at"/> on, and a Config finding.</summary>
        public async Task<Deployment> DeployAsync(SyncedVersion version, DateTimeOffset at)
        {
            await DecideAsync(_bed, version.Central, "Approved");
            var executions = await _bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, version.Central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10), CancellationToken.None);
            var execution = Assert.Single(executions.Items).To.Id;
            var (monitor, _) = _bed.Function(HandlerNames.PipelineMonitor);
            await FlowBed.InvokeAsync(monitor, HandlerNames.PipelineMonitor, PipelineStatus(execution, "Succeeded"));

            var deployer = $"arn:aws:sts::{Account}:assumed-role/DeploymentPipeline/deploy-{Group}";
            var arn = $"arn:aws:sagemaker:{MotoServer.Region}:{Account}";
            var deployment = new Deployment(execution, $"{Group}-model", $"{Group}-config", $"{Group}-prod", $"{arn}:model/{Group}-model",
                $"{arn}:endpoint-config/{Group}-config", $"{arn}:endpoint/{Group}-prod", at.AddMinutes(2));
            await AuditAsync(_bed, CloudTrail(Account, "CreateModel", at, deployer,
                new JsonObject
                {
                    ["modelName"] = deployment.ModelName,
                    ["primaryContainer"] = new JsonObject { ["modelPackageName"] = version.Central },
                    ["executionRoleArn"] = $"arn:aws:iam::{Account}:role/SageMakerExecution",
                },
                new JsonObject { ["modelArn"] = deployment.ModelArn }));
            await AuditAsync(_bed, CloudTrail(Account, "CreateEndpointConfig", at.AddMinutes(1), deployer,
                new JsonObject
                {
                    ["endpointConfigName"] = deployment.EndpointConfigName,
                    ["productionVariants"] = new JsonArray(new JsonObject { ["variantName"] = "AllTraffic", ["modelName"] = deployment.ModelName, ["initialInstanceCount"] = 1, ["instanceType"] = "ml.m5.large" }),
                },
                new JsonObject { ["endpointConfigArn"] = deployment.EndpointConfigArn }));
            await AuditAsync(_bed, CloudTrail(Account, "CreateEndpoint", deployment.DeployedAt, deployer,
                new JsonObject { ["endpointName"] = deployment.EndpointName, ["endpointConfigName"] = deployment.EndpointConfigName },
                new JsonObject { ["endpointArn"] = deployment.EndpointArn }));

            var (compliance, _) = _bed.Function(HandlerNames.ComplianceMonitor);
            var found = await FlowBed.InvokeAsync(compliance, HandlerNames.ComplianceMonitor, ConfigNonCompliant(Account, deployment.EndpointName, at.AddMinutes(3)));
            Assert.Equal("processed", found.GetProperty("outcome").GetString());
            return deployment;
        }
    }
}

/// <summary>A team package version the flows synced: its ARN, the central copy's ARN, who approved it, the S3 prefix of its files.</summary>
internal sealed record SyncedVersion(string Source, string Central, string Approver, string SourcePrefix);

/// <summary>What the deployment of a version left: the pipeline execution and the SageMaker resources CloudTrail reported.</summary>
internal sealed record Deployment(
    string Execution,
    string ModelName,
    string EndpointConfigName,
    string EndpointName,
    string ModelArn,
    string EndpointConfigArn,
    string EndpointArn,
    DateTimeOffset DeployedAt);

internal sealed record TeamVersions(string Account, string Group, string Bucket, IReadOnlyList<SyncedVersion> Versions, Deployment Deployment)
{
    public SyncedVersion V1 => Versions[0];

    public string ImageDigest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Group)));
}
