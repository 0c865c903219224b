namespace Governance.Core.Notifications;

/// <summary>Builder for <c>audit.alert</c>: an action on governed resources taken outside the governed path.</summary>
public static class AuditNotifications
{
    /// <param name="severity">Follows the stage of the account the action was taken in.</param>
    /// <param name="stage">That stage (<c>central</c>, <c>production</c>, …), when declared.</param>
    public static Notification Alert(ModelSubject subject, AuditFinding finding, DateTimeOffset occurredAt, Severity severity, string? stage = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(finding);
        var knownModel = subject.ModelPackageGroup != ModelSubject.Unknown;
        var details = new DetailsBuilder()
            .Add("eventName", finding.EventName)
            .Add("eventSource", finding.EventSource)
            .Add("principal", finding.Principal)
            .Add("resourceArn", finding.ResourceArn)
            .Add("sourceIpAddress", finding.SourceIpAddress)
            .Add("eventId", finding.EventId)
            .Add("reason", finding.Reason)
            .Add("stage", stage);
        return ModelNotifications.Create(
            NotificationEventType.AuditAlert,
            severity,
            occurredAt,
            subject,
            "Audit alert: " + finding.EventName + (knownModel ? " on " + subject.DisplayName : string.Empty),
            finding.Principal + " called " + finding.EventName
                + (finding.ResourceArn is null ? string.Empty : " on " + finding.ResourceArn) + ": " + finding.Reason + ".",
            details,
            knownModel ? null : "/audit",
            knownModel ? null : "/audit");
    }
}
