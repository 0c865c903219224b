using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// Reads approval decisions out of what the ledger recorded: an explicit <c>approvalStatus</c> attribute
/// wins, otherwise the record kind says it (<c>model.submitted</c>, <c>*.approved</c>, <c>*.rejected</c>,
/// <c>model.blocked</c>).
/// </summary>
public static class ApprovalStates
{
    public const string Pending = "PendingManualApproval";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Blocked = "Blocked";
    public const string Unknown = "Unknown";

    private static readonly string[] StatusAttributes = ["approvalStatus", "ModelApprovalStatus"];
    private static readonly string[] ApproverAttributes = ["approvedBy", "approver", "lastModifiedBy"];

    /// <summary>The central registry's decision: the last approval-bearing record of the version's timeline.</summary>
    public static ApprovalView Central(NodeView? package, IReadOnlyList<LedgerRecord> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var view = new ApprovalView(
            package?.Attribute(StatusAttributes) ?? (package is null ? Unknown : Pending),
            package?.Attribute(ApproverAttributes),
            null);
        foreach (var record in timeline)
        {
            var status = StatusOf(record);
            if (status is not null)
            {
                var approver = record.Actor ?? First(record.Attributes, ApproverAttributes);
                view = new ApprovalView(status, status == Pending ? null : approver, record.OccurredAt);
            }
        }

        return view;
    }

    /// <summary>
    /// The team registry's decision, as the sync recorded it: the last approval-bearing record of the source
    /// package's chain; the source node's attributes only for a package whose chain holds none.
    /// </summary>
    public static ApprovalView Local(NodeView? source, IReadOnlyList<LedgerRecord> sourceTimeline)
    {
        ArgumentNullException.ThrowIfNull(sourceTimeline);
        if (sourceTimeline.LastOrDefault(record => record.Kind == "model.approved") is { } approved)
        {
            return new ApprovalView(StatusOf(approved) ?? Approved, approved.Actor ?? First(approved.Attributes, ApproverAttributes), approved.OccurredAt);
        }

        if (source is null)
        {
            return new ApprovalView(Unknown, null, null);
        }

        var at = source.Attribute("approvedAt");
        return new ApprovalView(
            source.Attribute(StatusAttributes) ?? Approved,
            source.Attribute(ApproverAttributes),
            at is not null && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant) ? instant : null);
    }

    /// <summary>
    /// The governance state of a team package that has no central copy: Blocked (by whom: the policy; when: the
    /// block record) when the sync blocked it, else Unknown (not synced yet, or its sync failed: see its timeline).
    /// </summary>
    public static ApprovalView NotCopied(IReadOnlyList<LedgerRecord> sourceTimeline)
    {
        ArgumentNullException.ThrowIfNull(sourceTimeline);
        return sourceTimeline.LastOrDefault(record => record.Kind == "model.blocked") is { } blocked
            ? new ApprovalView(Blocked, null, blocked.OccurredAt)
            : new ApprovalView(Unknown, null, null);
    }

    private static string? StatusOf(LedgerRecord record)
    {
        var explicitStatus = First(record.Attributes, StatusAttributes);
        if (explicitStatus is not null)
        {
            return explicitStatus;
        }

        return record.Kind switch
        {
            "model.submitted" => Pending,
            "model.blocked" => Blocked,
            _ when record.Kind.EndsWith(".approved", StringComparison.Ordinal) => Approved,
            _ when record.Kind.EndsWith(".rejected", StringComparison.Ordinal) => Rejected,
            _ => null,
        };
    }

    private static string? First(IReadOnlyDictionary<string, string> attributes, string[] names) =>
        names.Select(name => attributes.TryGetValue(name, out var value) ? value : null).FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
