namespace Governance.Core.Events;

/// <summary>AWS Config compliance types.</summary>
public enum ComplianceType
{
    Compliant,
    NonCompliant,
    NotApplicable,
    InsufficientData,
}

/// <summary>One evaluation result. <see cref="Annotation"/> is trimmed (AWS sends some with a leading newline).</summary>
public sealed record ComplianceEvaluation(
    ComplianceType ComplianceType,
    string? Annotation,
    DateTimeOffset? OrderingTimestamp,
    DateTimeOffset? ResultRecordedTime,
    DateTimeOffset? ConfigRuleInvokedTime,
    string? EvaluationMode);

/// <summary>
/// <c>aws.config</c> / <c>Config Rules Compliance Change</c>, from EventBridge or from the SNS notification form.
/// The resource is identified by type and id only (<c>resources</c> is empty; the id may be an IAM unique id).
/// </summary>
/// <param name="OldEvaluation">Absent on a resource's first evaluation.</param>
public sealed record ConfigRulesComplianceChange(
    string ConfigRuleName,
    Arn? ConfigRuleArn,
    string ResourceType,
    string ResourceId,
    string? AwsAccountId,
    string? AwsRegion,
    ComplianceEvaluation NewEvaluation,
    ComplianceEvaluation? OldEvaluation,
    DateTimeOffset? NotificationCreationTime) : EventDetail;
