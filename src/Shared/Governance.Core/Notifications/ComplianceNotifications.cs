namespace Governance.Core.Notifications;

/// <summary>Builders for <c>compliance.violation</c> and <c>compliance.resolved</c>.</summary>
public static class ComplianceNotifications
{
    public static Notification Violation(ModelSubject subject, ComplianceFinding finding, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.ComplianceViolation, Severity.Critical, "Compliance violation", "is not compliant with", subject, finding, occurredAt);

    public static Notification Resolved(ModelSubject subject, ComplianceFinding finding, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.ComplianceResolved, Severity.Info, "Compliance resolved", "is compliant again with", subject, finding, occurredAt);

    private static Notification Create(
        NotificationEventType type,
        Severity severity,
        string label,
        string verb,
        ModelSubject subject,
        ComplianceFinding finding,
        DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(finding);
        var knownModel = subject.ModelPackageGroup != ModelSubject.Unknown;
        var details = new DetailsBuilder()
            .Add("configRuleName", finding.ConfigRuleName)
            .Add("resourceType", finding.ResourceType)
            .Add("resourceId", finding.ResourceId)
            .Add("complianceType", finding.ComplianceType)
            .Add("annotation", finding.Annotation?.Trim())
            .Add("account", finding.Account)
            .Add("region", finding.Region);
        var violations = "/violations?resourceId=" + Uri.EscapeDataString(finding.ResourceId);
        return ModelNotifications.Create(
            type,
            severity,
            occurredAt,
            subject,
            label + ": " + finding.ConfigRuleName + " on " + finding.ResourceId,
            finding.ResourceType + " " + finding.ResourceId + " " + verb + " Config rule " + finding.ConfigRuleName
                + (knownModel ? "; it serves " + subject.DisplayName + "." : ".")
                + (string.IsNullOrWhiteSpace(finding.Annotation) ? string.Empty : " " + finding.Annotation.Trim()),
            details,
            knownModel ? null : violations,
            knownModel ? null : violations);
    }
}
