using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <param name="QueryApiBaseUrl">The lineage API's base URL; links are absolute when set, API paths otherwise.</param>
/// <param name="MaxMessageBytes">The size budget for the whole message; SNS's limit unless a test needs a smaller one.</param>
public sealed record NotificationOptions(string? QueryApiBaseUrl = null, int MaxMessageBytes = NotificationMessage.MaxBytes);
