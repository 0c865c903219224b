namespace Governance.Core.Notifications;

/// <summary>An out-of-band action seen in CloudTrail, as the audit alert describes it.</summary>
/// <param name="Reason">Why the action is alarming, in words (e.g. "endpoint created outside the deployment pipeline").</param>
public sealed record AuditFinding(
    string EventName,
    string EventSource,
    string Principal,
    string Reason,
    string? ResourceArn = null,
    string? SourceIpAddress = null,
    string? EventId = null);
