using System.Text.Json;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>
/// The JSON body delivered to sqs, lambda and https subscribers (and as <c>default</c>). Version
/// <see cref="CurrentSchemaVersion"/>; docs/notifications.md describes every member.
/// </summary>
public sealed record NotificationBody(
    string SchemaVersion,
    string EventType,
    string Severity,
    string OccurredAt,
    string Team,
    string ModelPackageGroup,
    int? ModelPackageVersion,
    string? ModelPackageArn,
    string SourceAccount,
    string Subject,
    string Summary,
    JsonElement Details,
    bool DetailsTruncated,
    IReadOnlyList<string>? OmittedDetails,
    NotificationLinks Links)
{
    public const string CurrentSchemaVersion = "1.0";
}

/// <summary>Query API paths (absolute URLs when the composer knows the API's base URL).</summary>
public sealed record NotificationLinks(string Lineage, string? FullDetails);
