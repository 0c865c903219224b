using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Governance.Core.Notifications;

/// <summary>
/// A notification before it is encoded for SNS. Build one with the builders (<see cref="ModelNotifications"/>,
/// <see cref="DeploymentNotifications"/>, <see cref="ComplianceNotifications"/>, <see cref="AuditNotifications"/>),
/// encode it for SNS with <see cref="Presentation.Notifications.NotificationComposer"/>.
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
    string FullRecordPath)
{
    /// <summary>
    /// The <c>notificationId</c> subscribers drop repeats by: a digest of what the notification says (type, package,
    /// time, title, summary, details), so every copy of it, re-composed or published again, carries the same id.
    /// </summary>
    public string Id
    {
        get
        {
            var content = string.Join(
                '\n',
                EventType.WireName(),
                Subject.ModelPackageArn,
                OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
                Title,
                Summary,
                Details.ValueKind == JsonValueKind.Undefined ? string.Empty : Details.GetRawText());
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 16));
        }
    }
}
