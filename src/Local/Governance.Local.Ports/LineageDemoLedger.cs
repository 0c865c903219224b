using Governance.Core.Ledger;

namespace Governance.Local.Ports;

/// <summary>
/// A ledger filled, through the public writer API only, with what the flows record per the architecture:
/// team credit-risk (account 111122223333) synced credit-risk-scoring versions 1-3 into the central registry
/// (v1 approved, deployed and in violation, v2 rejected, v3 pending); team fraud (444455556666) synced
/// fraud-detection v1, which shares a dataset with credit-risk v1. Writes go one at a time (moto does not
/// isolate concurrent transactions).
/// </summary>
public static class LineageDemoLedger
{
    public const string CentralAccount = "123456789012";
    public const string Region = "us-east-1";
    public const string CreditAccount = "111122223333";
    public const string FraudAccount = "444455556666";
    public const string CreditGroup = "credit-risk-scoring";
    public const string FraudGroup = "fraud-detection";
    public const string SharedDataset = "s3://acme-ml-data/shared/customers-2024-06/";
    public const string CreditTrainingData = "s3://acme-ml-data/credit-risk/train-2024-06/";
    public const string CreditImageDigest = "sha256:4dc8a7e4a010a19bb9e0a6b063f355393f6e623603361bd8b105f554d4f0c004";
    public const string CreditImageUri = "111122223333.dkr.ecr.us-east-1.amazonaws.com/ml/credit-risk-xgboost@" + CreditImageDigest;
    public const string CreditArtifactChecksum = "sha256:9f2c4a1b7e3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    public const string CreditEndpointName = "credit-risk-scoring-prod";
    public const string FraudEndpointName = "fraud-detection-prod";
    public const string RiskManager = "arn:aws:sts::123456789012:assumed-role/model-risk-manager/alex.smith@example.com";
    public const string CreditLead = "arn:aws:sts::111122223333:assumed-role/ml-lead/jane.doe@example.com";
    public const string DeployRole = "arn:aws:sts::123456789012:assumed-role/governance-deployer/pipeline";
    public const string Intruder = "arn:aws:sts::111122223333:assumed-role/data-scientist/bob@example.com";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static string CentralArn(string group, int version) => $"arn:aws:sagemaker:{Region}:{CentralAccount}:model-package/{group}/{version}";

    public static string EndpointArn(string account, string name) => $"arn:aws:sagemaker:{Region}:{account}:endpoint/{name}";

    public static NodeRef Central(string group, int version) => new(NodeTypes.CentralPackage, CentralArn(group, version));

    public static async Task SeedAsync(ILedgerWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var seed = new Seeder(writer, cancellationToken);
        await SeedCreditRiskAsync(seed);
        await SeedFraudAsync(seed);
    }

    private static async Task SeedCreditRiskAsync(Seeder seed)
    {
        var group = await seed.NodeAsync(NodeTypes.ModelPackageGroup, $"arn:aws:sagemaker:{Region}:{CentralAccount}:model-package-group/{CreditGroup}", CentralAccount, CreditGroup, ("team", "credit-risk"));
        var job = await seed.NodeAsync(NodeTypes.TrainingJob, $"arn:aws:sagemaker:{Region}:{CreditAccount}:training-job/credit-risk-train-2024-06", CreditAccount, null,
            ("codeRevision", "git:9c1e2f7 (acme/credit-risk@main)"));
        var train = await seed.NodeAsync(NodeTypes.Dataset, CreditTrainingData, CreditAccount, null, ("channel", "train"));
        var shared = await seed.NodeAsync(NodeTypes.Dataset, SharedDataset, CreditAccount, null, ("channel", "validation"));
        var image = await seed.NodeAsync(NodeTypes.Image, CreditImageDigest, CreditAccount, null, ("uri", CreditImageUri));
        var artifact = await seed.NodeAsync(NodeTypes.Artifact, CreditArtifactChecksum, CreditAccount, null,
            ("uri", "s3://acme-ml-artifacts-111122223333/credit-risk-scoring/train-2024-06/output/model.tar.gz"),
            ("centralUri", "s3://governance-models-123456789012/111122223333/credit-risk-scoring/1/model/model.tar.gz"));
        await seed.EdgeAsync(train, Relations.TrainedOn, job);
        await seed.EdgeAsync(shared, Relations.TrainedOn, job);
        await seed.EdgeAsync(image, Relations.BuiltWith, job);
        await seed.EdgeAsync(job, Relations.Produced, artifact);

        for (var version = 1; version <= 3; version++)
        {
            var at = Start.AddDays(version - 1);
            var source = await seed.NodeAsync(NodeTypes.SourcePackage, $"arn:aws:sagemaker:{Region}:{CreditAccount}:model-package/{CreditGroup}/{version + 2}", CreditAccount, CreditGroup,
                ("approvalStatus", "Approved"), ("approvedBy", CreditLead), ("approvedAt", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            var central = await seed.NodeAsync(NodeTypes.CentralPackage, CentralArn(CreditGroup, version), CentralAccount, CreditGroup,
                ("sourceAccount", CreditAccount), ("team", "credit-risk"));
            await seed.EdgeAsync(artifact, Relations.PackagedAs, source);
            await seed.EdgeAsync(source, Relations.CopiedTo, central);
            await seed.EdgeAsync(central, Relations.MemberOf, group);
            await seed.EdgeAsync(train, Relations.UsedBy, central);
            await seed.EdgeAsync(shared, Relations.UsedBy, central);
            await seed.EdgeAsync(image, Relations.UsedBy, central);
            await seed.EdgeAsync(artifact, Relations.UsedBy, central);
            await seed.AppendAsync(central, $"sync-{version}", "model.submitted", at.AddMinutes(1), "arn:aws:sts::123456789012:assumed-role/governance-registry-sync/RegistrySync", CreditAccount, CreditGroup,
                ("policyOutcome", "allowed"), ("sourcePackageArn", source.Id));
        }

        var v1 = Central(CreditGroup, 1);
        await seed.AppendAsync(v1, "approve-1", "model.approved", Start.AddHours(3), RiskManager, CreditAccount, CreditGroup, ("approvalStatus", "Approved"));
        await seed.AppendAsync(Central(CreditGroup, 2), "reject-2", "model.rejected", Start.AddDays(1).AddHours(4), RiskManager, CreditAccount, CreditGroup,
            ("approvalStatus", "Rejected"), ("reason", "Bias report predates the June data refresh"));

        var execution = await seed.NodeAsync(NodeTypes.PipelineExecution, $"arn:aws:sagemaker:{Region}:{CentralAccount}:pipeline/credit-risk-deploy/execution/k2d9wq1x7abc", CentralAccount, CreditGroup,
            ("pipeline", "credit-risk-deploy"), ("kind", "SageMakerPipeline"));
        await seed.EdgeAsync(v1, Relations.DeployedBy, execution);
        await seed.AppendAsync(v1, "deploy-start-1", "deployment.started", Start.AddHours(3).AddMinutes(1), DeployRole, CreditAccount, CreditGroup, ("execution", execution.Id));
        await seed.AppendAsync(execution, "deploy-start-1", "deployment.started", Start.AddHours(3).AddMinutes(1), DeployRole, CreditAccount, CreditGroup, ("status", "Executing"));
        await seed.AppendAsync(execution, "deploy-done-1", "deployment.succeeded", Start.AddHours(3).AddMinutes(19), DeployRole, CreditAccount, CreditGroup, ("status", "Succeeded"));
        await seed.AppendAsync(v1, "deploy-done-1", "deployment.succeeded", Start.AddHours(3).AddMinutes(19), DeployRole, CreditAccount, CreditGroup, ("execution", execution.Id));

        var model = await seed.NodeAsync(NodeTypes.Model, $"arn:aws:sagemaker:{Region}:{CreditAccount}:model/credit-risk-scoring-v1", CreditAccount, CreditGroup);
        var config = await seed.NodeAsync(NodeTypes.EndpointConfig, $"arn:aws:sagemaker:{Region}:{CreditAccount}:endpoint-config/credit-risk-scoring-prod-v1", CreditAccount, CreditGroup,
            ("instanceType", "ml.m5.xlarge"));
        var endpoint = await seed.NodeAsync(NodeTypes.Endpoint, EndpointArn(CreditAccount, CreditEndpointName), CreditAccount, CreditGroup);
        await seed.EdgeAsync(v1, Relations.UsedBy, model);
        await seed.EdgeAsync(model, Relations.UsedBy, config);
        await seed.EdgeAsync(config, Relations.UsedBy, endpoint);
        await seed.EdgeAsync(v1, Relations.Serves, endpoint);
        await seed.CurrentAsync(endpoint, v1, Start.AddHours(3).AddMinutes(15));
        await seed.AppendAsync(endpoint, "ct-create-endpoint", "audit.CreateEndpoint", Start.AddHours(3).AddMinutes(15), DeployRole, CreditAccount, CreditGroup,
            ("sourceIp", "10.0.4.17"), ("endpointConfig", config.Id));
        await seed.AppendAsync(endpoint, "ct-update-endpoint", "audit.UpdateEndpoint", Start.AddDays(1).AddHours(2), Intruder, CreditAccount, CreditGroup,
            ("sourceIp", "203.0.113.9"), ("alerts", "EndpointOutsideDeploymentRoles: endpoint changed by a principal other than the deployment pipeline"));

        var violation = await seed.NodeAsync(NodeTypes.Violation, $"sagemaker-endpoint-configuration-kms-key-configured|AWS::SageMaker::EndpointConfig|credit-risk-scoring-prod-v1|{CreditAccount}|{Region}", CreditAccount, CreditGroup,
            ("rule", "sagemaker-endpoint-configuration-kms-key-configured"));
        await seed.EdgeAsync(endpoint, Relations.ViolatedBy, violation);
        await seed.ViolationAsync(violation, endpoint, "sagemaker-endpoint-configuration-kms-key-configured", "critical", CreditAccount, Start.AddHours(5),
            "The endpoint configuration has no KMS key.");
        await seed.AppendAsync(violation, "config-1", "compliance.violation", Start.AddHours(5), "config.amazonaws.com", CreditAccount, CreditGroup,
            ("annotation", "The endpoint configuration has no KMS key."));
    }

    private static async Task SeedFraudAsync(Seeder seed)
    {
        var group = await seed.NodeAsync(NodeTypes.ModelPackageGroup, $"arn:aws:sagemaker:{Region}:{CentralAccount}:model-package-group/{FraudGroup}", CentralAccount, FraudGroup, ("team", "fraud"));
        var source = await seed.NodeAsync(NodeTypes.SourcePackage, $"arn:aws:sagemaker:{Region}:{FraudAccount}:model-package/{FraudGroup}/1", FraudAccount, FraudGroup,
            ("approvedBy", "arn:aws:sts::444455556666:assumed-role/ml-lead/kim@example.com"));
        var central = await seed.NodeAsync(NodeTypes.CentralPackage, CentralArn(FraudGroup, 1), CentralAccount, FraudGroup, ("sourceAccount", FraudAccount), ("team", "fraud"));
        var shared = new NodeRef(NodeTypes.Dataset, SharedDataset);
        await seed.EdgeAsync(source, Relations.CopiedTo, central);
        await seed.EdgeAsync(central, Relations.MemberOf, group);
        await seed.EdgeAsync(shared, Relations.UsedBy, central);
        await seed.AppendAsync(central, "fraud-sync-1", "model.submitted", Start.AddHours(2), "arn:aws:sts::123456789012:assumed-role/governance-registry-sync/RegistrySync", FraudAccount, FraudGroup);
        await seed.AppendAsync(central, "fraud-approve-1", "model.approved", Start.AddHours(6), RiskManager, FraudAccount, FraudGroup, ("approvalStatus", "Approved"));
        var endpoint = await seed.NodeAsync(NodeTypes.Endpoint, EndpointArn(FraudAccount, FraudEndpointName), FraudAccount, FraudGroup);
        await seed.EdgeAsync(central, Relations.Serves, endpoint);
        await seed.CurrentAsync(endpoint, central, Start.AddHours(7));
        await seed.AppendAsync(endpoint, "fraud-ct-create", "audit.CreateEndpoint", Start.AddHours(7), DeployRole, FraudAccount, FraudGroup);
        var violation = await seed.NodeAsync(NodeTypes.Violation, $"sagemaker-endpoint-data-capture|AWS::SageMaker::Endpoint|{FraudEndpointName}|{FraudAccount}|{Region}", FraudAccount, FraudGroup);
        await seed.EdgeAsync(endpoint, Relations.ViolatedBy, violation);
        await seed.ViolationAsync(violation, endpoint, "sagemaker-endpoint-data-capture", "high", FraudAccount, Start.AddHours(8));
    }

    private sealed class Seeder(ILedgerWriter writer, CancellationToken cancellationToken)
    {
        public async Task<NodeRef> NodeAsync(string type, string id, string? account, string? group, params (string Key, string Value)[] attributes)
        {
            var node = new NodeRef(type, id);
            await writer.RecordNodeAsync(new LedgerNode(node, account, group, attributes.ToDictionary(a => a.Key, a => a.Value), Start), cancellationToken);
            return node;
        }

        public Task<bool> EdgeAsync(NodeRef from, string relation, NodeRef to) =>
            writer.RecordEdgeAsync(new LedgerEdge(from, relation, to, Start, null), cancellationToken);

        public Task<LedgerRecord> AppendAsync(NodeRef subject, string eventId, string kind, DateTimeOffset at, string? actor, string? account, string? group, params (string Key, string Value)[] attributes) =>
            writer.AppendAsync(new LedgerEventDraft(subject, eventId, kind, at, actor, account, group, attributes.ToDictionary(a => a.Key, a => a.Value)), cancellationToken);

        public Task CurrentAsync(NodeRef endpoint, NodeRef central, DateTimeOffset at) =>
            writer.SetCurrentAsync(new CurrentLink(endpoint, Relations.Runs, central, at, $"current-{endpoint.Id}"), cancellationToken);

        public Task ViolationAsync(NodeRef violation, NodeRef resource, string rule, string severity, string account, DateTimeOffset at, string? annotation = null) =>
            writer.SetViolationAsync(
                new ViolationState(violation, resource, rule, severity, account, ViolationStatus.Open, at, $"violation-{violation.Id}") { Annotation = annotation },
                cancellationToken);
    }
}
