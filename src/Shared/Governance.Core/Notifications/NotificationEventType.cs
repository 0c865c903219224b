namespace Governance.Core.Notifications;

/// <summary>What a notification is about. <see cref="NotificationEventTypes.WireName"/> gives the <c>eventType</c> value subscribers filter on.</summary>
public enum NotificationEventType
{
    ModelSubmitted,
    ModelBlocked,
    ModelRejected,
    DeploymentStarted,
    DeploymentSucceeded,
    DeploymentFailed,
    DeploymentStopped,
    ComplianceViolation,
    ComplianceResolved,
    AuditAlert,
}

public static class NotificationEventTypes
{
    public static string WireName(this NotificationEventType type) => type switch
    {
        NotificationEventType.ModelSubmitted => "model.submitted",
        NotificationEventType.ModelBlocked => "model.blocked",
        NotificationEventType.ModelRejected => "model.rejected",
        NotificationEventType.DeploymentStarted => "deployment.started",
        NotificationEventType.DeploymentSucceeded => "deployment.succeeded",
        NotificationEventType.DeploymentFailed => "deployment.failed",
        NotificationEventType.DeploymentStopped => "deployment.stopped",
        NotificationEventType.ComplianceViolation => "compliance.violation",
        NotificationEventType.ComplianceResolved => "compliance.resolved",
        NotificationEventType.AuditAlert => "audit.alert",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown notification event type."),
    };
}
