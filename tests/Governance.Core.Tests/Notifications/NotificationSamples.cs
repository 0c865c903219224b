using System.Text.Json;
using Governance.Core.Notifications;
using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Core.Tests.Policy;
using Governance.Local.Lambda;
using Governance.Testing;
using ModelPackageReader = Governance.Aws.SageMaker.ModelPackageReader;
using Governance.Testing.Registry;

namespace Governance.Core.Tests.Notifications;

/// <summary>One realistic notification of each event type, built from fixed domain values.</summary>
internal static class NotificationSamples
{
    public const string CentralArn = "arn:aws:sagemaker:eu-west-1:123456789012:model-package/credit-risk-scoring/1";

    public static readonly DateTimeOffset At = new(2024, 6, 10, 9, 41, 12, 345, TimeSpan.Zero);

    public static readonly ModelSubject CentralSubject = new("credit-risk", "credit-risk-scoring", 1, CentralArn, "111122223333");

    public static readonly DeploymentExecution Execution = new(
        "SageMakerPipeline",
        "credit-risk-deploy",
        "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-deploy/execution/k2d9wq1x7abc",
        "arn:aws:sts::123456789012:assumed-role/model-risk-manager/alex.smith@example.com");

    public static readonly ComplianceFinding EndpointFinding = new(
        "sagemaker-endpoint-configuration-kms-key-configured",
        "AWS::SageMaker::EndpointConfig",
        "credit-risk-scoring-prod",
        "NON_COMPLIANT",
        "\nThe endpoint configuration has no KMS key.",
        "123456789012",
        "eu-west-1");

    public static GovernancePolicy DefaultPolicy() =>
        PolicyLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")), "config/policy.json");

    public static ModelPackage CentralPackage()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(PackageFixtures.Text("compliant"))!.AsObject();
        node["ModelPackageArn"] = CentralArn;
        node["ModelPackageVersion"] = 1;
        node["ModelApprovalStatus"] = ModelPackage.Rejected;
        node["ApprovalDescription"] = "Bias report predates the June data refresh; please re-run Clarify.";
        using var document = JsonDocument.Parse(node.ToJsonString());
        return ModelPackageReader.Read(document.RootElement, new Dictionary<string, string>
        {
            [ProvenanceTags.Team] = "credit-risk",
            [ProvenanceTags.SourceAccount] = "111122223333",
            [ProvenanceTags.SourcePackageArn] = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/credit-risk-scoring/3",
        });
    }

    public static IReadOnlyDictionary<NotificationEventType, Notification> All()
    {
        var evaluator = new PolicyEvaluator(DefaultPolicy());
        var compliant = PackageFixtures.Compliant();
        var blocked = PackageFixtures.Minimal();
        var resolved = EndpointFinding with { ComplianceType = "COMPLIANT", Annotation = null };
        return new Dictionary<NotificationEventType, Notification>
        {
            [NotificationEventType.ModelSubmitted] = ModelNotifications.Submitted(compliant, CentralArn, evaluator.Evaluate(compliant), At),
            [NotificationEventType.ModelBlocked] = ModelNotifications.Blocked(blocked, evaluator.Evaluate(blocked), At),
            [NotificationEventType.ModelRejected] = ModelNotifications.Rejected(CentralPackage(), "arn:aws:sts::123456789012:assumed-role/model-risk-manager/alex.smith@example.com", At),
            [NotificationEventType.DeploymentStarted] = DeploymentNotifications.Started(CentralSubject, Execution, At),
            [NotificationEventType.DeploymentSucceeded] = DeploymentNotifications.Succeeded(CentralSubject, Execution, At),
            [NotificationEventType.DeploymentFailed] = DeploymentNotifications.Failed(
                CentralSubject, Execution with { FailureReason = "Step DeployEndpoint failed: ResourceLimitExceeded for ml.m5.xlarge" }, At),
            [NotificationEventType.DeploymentStopped] = DeploymentNotifications.Stopped(
                CentralSubject, Execution with { FailureReason = "Stopped by arn:aws:sts::123456789012:assumed-role/platform-admin/ops" }, At),
            [NotificationEventType.ComplianceViolation] = ComplianceNotifications.Violation(CentralSubject, EndpointFinding, At),
            [NotificationEventType.ComplianceResolved] = ComplianceNotifications.Resolved(CentralSubject, resolved, At),
            [NotificationEventType.AuditAlert] = AuditNotifications.Alert(
                CentralSubject,
                new AuditFinding(
                    "CreateEndpoint",
                    "sagemaker.amazonaws.com",
                    "arn:aws:sts::123456789012:assumed-role/Admin/bob",
                    "the endpoint was created by a principal other than the deployment pipeline",
                    "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/credit-risk-scoring-shadow",
                    "203.0.113.7",
                    "6b3f0f3e-4c8a-4a8e-9d5e-1f2a3b4c5d6e"),
                At),
        };
    }
}
