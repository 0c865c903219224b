namespace Governance.Core.Notifications;

/// <summary>An AWS Config evaluation of a resource, as the compliance notifications describe it.</summary>
public sealed record ComplianceFinding(
    string ConfigRuleName,
    string ResourceType,
    string ResourceId,
    string ComplianceType,
    string? Annotation = null,
    string? Account = null,
    string? Region = null);
