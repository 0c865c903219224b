using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>
/// Encodes a <see cref="Notification"/> as an SNS message: filterable attributes, a subject SNS accepts, and
/// per-protocol bodies. When the whole message would exceed the size budget, the largest <c>details</c> members are
/// dropped first (the body says which, and where the full record is); the summary is shortened only as a last resort.
/// SNS standard topics deliver at least once, and a publish whose answer was lost is published again: the
/// <see cref="NotificationIdAttribute"/> (<see cref="Notification.Id"/>) is the same for the same notification, so subscribers can drop repeats.
/// </summary>
public sealed class NotificationComposer(NotificationOptions options)
{
    public const string EventTypeAttribute = "eventType";
    public const string SeverityAttribute = "severity";
    public const string TeamAttribute = "team";
    public const string ModelPackageGroupAttribute = "modelPackageGroup";
    public const string SourceAccountAttribute = "sourceAccount";
    public const string NotificationIdAttribute = "notificationId";

    public NotificationComposer()
        : this(new NotificationOptions())
    {
    }

    public NotificationMessage Compose(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var subject = SubjectLine.Sanitise(notification.Title);
        var attributes = Attributes(notification);
        var details = notification.Details.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(notification.Details.GetRawText())!.AsObject()
            : [];
        var omitted = new List<string>();
        var summary = notification.Summary;

        while (true)
        {
            var message = Encode(notification, subject, summary, details, omitted);
            var size = NotificationMessage.Measure(subject, message, attributes);
            if (size <= options.MaxMessageBytes)
            {
                return new NotificationMessage(subject, message, NotificationMessage.JsonStructure, attributes);
            }

            if (details.Count > 0)
            {
                var largest = details.OrderByDescending(member => member.Value?.ToJsonString().Length ?? 0).First().Key;
                details.Remove(largest);
                omitted.Add(largest);
                continue;
            }

            if (summary.Length == 0)
            {
                throw new InvalidOperationException(string.Format(
                    CultureInfo.InvariantCulture,
                    "A {0} notification cannot be made to fit in {1} bytes even without details.",
                    notification.EventType.WireName(),
                    options.MaxMessageBytes));
            }

            summary = summary.Length > 8 ? summary[..(summary.Length / 2)] + "..." : string.Empty;
        }
    }

    private string Encode(Notification notification, string subject, string summary, JsonObject details, List<string> omitted)
    {
        using var detailsDocument = JsonDocument.Parse(details.ToJsonString());
        var truncated = omitted.Count > 0;
        var body = new NotificationBody(
            NotificationBody.CurrentSchemaVersion,
            notification.EventType.WireName(),
            notification.Severity.WireName(),
            notification.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            notification.Subject.Team,
            notification.Subject.ModelPackageGroup,
            notification.Subject.Version,
            notification.Subject.ModelPackageArn,
            notification.Subject.SourceAccount,
            subject,
            summary,
            detailsDocument.RootElement,
            truncated,
            truncated ? [.. omitted] : null,
            new NotificationLinks(Link(notification.LineagePath), truncated ? Link(notification.FullRecordPath) : null));
        var json = JsonSerializer.Serialize(body, NotificationJsonContext.Compact.NotificationBody);
        var structure = new SnsMessageStructure(json, EmailText.Render(body), json, json, json);
        return JsonSerializer.Serialize(structure, NotificationJsonContext.Compact.SnsMessageStructure);
    }

    private string Link(string path) =>
        options.QueryApiBaseUrl is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : path;

    private static Dictionary<string, MessageAttributeValue> Attributes(Notification notification) => new(StringComparer.Ordinal)
    {
        [EventTypeAttribute] = MessageAttributeValue.OfString(notification.EventType.WireName()),
        [SeverityAttribute] = MessageAttributeValue.OfString(notification.Severity.WireName()),
        [TeamAttribute] = MessageAttributeValue.OfString(NonEmpty(notification.Subject.Team)),
        [ModelPackageGroupAttribute] = MessageAttributeValue.OfString(NonEmpty(notification.Subject.ModelPackageGroup)),
        [SourceAccountAttribute] = MessageAttributeValue.OfString(NonEmpty(notification.Subject.SourceAccount)),
        [NotificationIdAttribute] = MessageAttributeValue.OfString(notification.Id),
    };

    private static string NonEmpty(string value) => string.IsNullOrWhiteSpace(value) ? ModelSubject.Unknown : value;
}
