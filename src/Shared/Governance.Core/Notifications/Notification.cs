using System.Text.Json;

namespace Governance.Core.Notifications;

/// <summary>
/// A notification before it is encoded for SNS. Build one with the builders (<see cref="ModelNotifications"/>,
/// <see cref="DeploymentNotifications"/>, <see cref="ComplianceNotifications"/>, <see cref="AuditNotifications"/>),
/// encode it with <see cref="NotificationComposer"/>.
/// </summary>
/// <param name="Title">The subject line before SNS's rules are applied.</param>
/// <param name="Details">A JSON object of event-specific facts; the first thing cut when the message is too big.</param>
/// <param name="LineagePath">The query API path where the model's lineage can be read.</param>
/// <param name="FullRecordPath">The query API path holding everything, quoted when details are cut.</param>
public sealed record Notification(
    NotificationEventType EventType,
    Severity Severity,
    DateTimeOffset OccurredAt,
    ModelSubject Subject,
    string Title,
    string Summary,
    JsonElement Details,
    string LineagePath,
    string FullRecordPath);
