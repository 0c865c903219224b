using Governance.Core.Lineage;

namespace Governance.Cli.Commands.Alerts;

/// <summary>
/// Out-of-band alerts as the ledger keeps them: the audit records AuditTrail wrote with an <c>alerts</c> attribute
/// (the rules that fired and why). Read through the lineage API's audit query, so the caller's scope applies.
/// </summary>
public static class AlertRecords
{
    public const string Attribute = "alerts";

    /// <summary>How far back the alert views look when no range is given.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static bool IsAlert(RecordView record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Attributes.TryGetValue(Attribute, out var alerts) && alerts.Length > 0;
    }

    public static string Reason(RecordView record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Attributes.GetValueOrDefault(Attribute) ?? "";
    }

    /// <summary>A subject (<c>Type:arn</c>) by its human name: the ARN's resource part, e.g. <c>endpoint/credit-prod</c>.</summary>
    public static string Name(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var id = subject[(subject.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return id.StartsWith("arn:", StringComparison.Ordinal) && id.Split(':', 6) is { Length: 6 } parts ? parts[5] : id;
    }
}
