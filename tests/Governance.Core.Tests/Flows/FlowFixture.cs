using System.Text;
using System.Text.Json;
using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Flows;
using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Local.Ports;
using Governance.Testing.Flows;
using ModelPackageReader = Governance.Aws.SageMaker.ModelPackageReader;

namespace Governance.Core.Tests.Flows;

/// <summary>The flows over in-memory ports, with a team package and its approval events.</summary>
internal sealed class FlowFixture
{
    public const string SourceArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/3";
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private const string Policy = """{"version":1,"rules":{"requiredTags":{"mode":"block","keys":["team"]},"imageDigest":{"mode":"block"}}}""";

    public FlowFixture(bool pinned = true)
    {
        var document = """
            {"ModelPackageArn":"%SOURCE%","ModelPackageGroupName":"credit-risk","ModelPackageVersion":3,"ModelApprovalStatus":"Approved",
             "InferenceSpecification":{"Containers":[{"Image":"111111111111.dkr.ecr.us-east-1.amazonaws.com/credit%IMAGE%","ModelDataUrl":"s3://team-ml-artifacts/v3/model.tar.gz"}]},
             "ModelMetrics":{"Bias":{"Report":{"ContentType":"application/json","S3Uri":"s3://team-ml-artifacts/v3/bias.json"}}},
             "CustomerMetadataProperties":{"owner":"jane"}}
            """.Replace("%SOURCE%", SourceArn, StringComparison.Ordinal).Replace("%IMAGE%", pinned ? "@" + Digest : ":latest", StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(document);
        Team.Add(ModelPackageReader.Read(parsed.RootElement, new Dictionary<string, string> { ["team"] = "credit" }));
        Artifacts.Put("s3://team-ml-artifacts/v3/model.tar.gz", "weights");
        Artifacts.Put("s3://team-ml-artifacts/v3/bias.json", "{}");
    }

    public InMemoryTeamRegistry Team { get; } = new();

    public InMemoryCentralRegistry Central { get; } = new();

    public InMemoryArtifactStore Artifacts { get; } = new();

    public InMemoryNotifier Notifier { get; } = new();

    public InMemoryPipelineLauncher Launcher { get; } = new();

    public InMemoryLedger Ledger { get; } = new();

    public InMemoryEffectStore Claims { get; } = new();

    public RegistrySyncFlow Sync(FaultPlan? plan = null) => Sync(Artifacts, plan);

    public RegistrySyncFlow Sync(IArtifactStore artifacts, FaultPlan? plan = null) => new(new RegistrySyncPorts(
        plan is null ? Team : FaultyPorts.Wrap(Team, plan),
        plan is null ? Central : FaultyPorts.Wrap(Central, plan),
        plan is null ? artifacts : FaultyPorts.Wrap(artifacts, plan),
        new PolicyEvaluator(PolicyLoader.Load(Policy)),
        Effects(plan)));

    public DeploymentTriggerFlow Deployment(string routing, FaultPlan? plan = null) => new(new DeploymentTriggerPorts(
        Ledger,
        plan is null ? Launcher : FaultyPorts.Wrap(Launcher, plan),
        DeploymentRouting.Load(routing),
        Effects(plan),
        ModelPackageReader.Instance));

    /// <summary>The effect ledger over the fixture's ledger, claims and notifier; a plan faults the ledger writes and the publishes.</summary>
    public EffectLedger Effects(FaultPlan? plan = null) => new(
        plan is null ? Ledger : FaultyPorts.Wrap(Ledger, plan),
        Claims,
        Ledger,
        plan is null ? Notifier : FaultyPorts.Wrap(Notifier, plan),
        TimeProvider.System);

    public static FlowEvent Approval(string packageArn, string status = "Approved", string? eventId = null)
    {
        var json = """
            {"version":"0","id":"%ID%","detail-type":"SageMaker Model Package State Change","source":"aws.sagemaker",
             "account":"%ACCOUNT%","time":"2025-01-02T03:04:05Z","region":"us-east-1","resources":["%ARN%"],
             "detail":{"ModelPackageArn":"%ARN%","ModelPackageGroupName":"credit-risk","ModelApprovalStatus":"%STATUS%",
                       "LastModifiedBy":{"IamIdentity":{"Arn":"arn:aws:sts::111111111111:assumed-role/Approver/jane"}},"Tags":{"team":"credit"}}}
            """.Replace("%ID%", eventId ?? Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("%ACCOUNT%", packageArn.Split(':')[4], StringComparison.Ordinal)
            .Replace("%ARN%", packageArn, StringComparison.Ordinal)
            .Replace("%STATUS%", status, StringComparison.Ordinal);
        var parsed = Assert.IsType<ParsedEvent>(EventParser.Parse(Encoding.UTF8.GetBytes(json)));
        return FlowEvent.From(parsed, DateTimeOffset.UtcNow.AddMinutes(5));
    }
}
