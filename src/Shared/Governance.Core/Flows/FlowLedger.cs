using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Notifications;

namespace Governance.Core.Flows;

/// <summary>
/// The ledger writes a flow makes for one event, through its <see cref="EffectScope"/>: each record keyed by the
/// event and step, so a redelivery records nothing twice.
/// </summary>
internal sealed class FlowLedger(EffectScope scope, FlowEvent source, TimeProvider time)
{
    /// <summary>The step whose record says a notification was published.</summary>
    public const string NotifiedStep = "notified";

    /// <summary>The kind of the record of an event whose approval status the registry no longer holds.</summary>
    public const string StaleKind = "approval.stale";

    public Task NodeAsync(NodeRef node, string? account, string? group, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        scope.RecordNodeAsync(new LedgerNode(node, account, group, attributes, time.GetUtcNow()), cancellationToken);

    public Task EdgeAsync(NodeRef from, string relation, NodeRef to, CancellationToken cancellationToken) =>
        scope.RecordEdgeAsync(new LedgerEdge(from, relation, to, time.GetUtcNow(), source.EventId), cancellationToken);

    public Task<LedgerRecord> AppendAsync(
        NodeRef subject, string step, string kind, string? account, string? group, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        scope.AppendAsync(Draft(subject, step, kind, account, group, attributes), cancellationToken);

    /// <summary>
    /// Appends the record that decides <paramref name="notification"/>, queued in the same transaction; its
    /// publication is recorded on the same chain as <c>notification.published</c>.
    /// </summary>
    public Task<LedgerRecord> AppendAndNotifyAsync(
        NodeRef subject, string step, string kind, string? account, string? group, IReadOnlyDictionary<string, string> attributes,
        Notification notification, CancellationToken cancellationToken) =>
        scope.AppendAsync(
            Draft(subject, step, kind, account, group, attributes),
            [notification],
            new NotificationReceipt(subject, FlowKeys.StepEventId(source.EventId, NotifiedStep), source.OccurredAt, source.Approver, account, group),
            cancellationToken);

    /// <summary>
    /// Records that the event is stale: it says <paramref name="eventStatus"/>, but the registry now holds
    /// <paramref name="currentStatus"/> (null: the package is gone), so nothing was done for it. Answers the reason.
    /// </summary>
    public async Task<string> StaleAsync(
        NodeRef subject, string? account, string? group, string eventStatus, string? currentStatus, CancellationToken cancellationToken)
    {
        var now = currentStatus ?? "deleted";
        var reason = $"stale event: it says {eventStatus}, but the package is now {now}; nothing was done";
        await AppendAsync(subject, "stale", StaleKind, account, group,
            Attributes(("eventStatus", eventStatus), ("currentStatus", now), ("reason", reason)), cancellationToken);
        return reason;
    }

    private LedgerEventDraft Draft(NodeRef subject, string step, string kind, string? account, string? group, IReadOnlyDictionary<string, string> attributes) =>
        new(subject, FlowKeys.StepEventId(source.EventId, step), kind, source.OccurredAt, source.Approver, account, group, attributes);

    /// <summary>A record's attributes: the pairs whose value is present.</summary>
    public static Dictionary<string, string> Attributes(params (string Key, string? Value)[] pairs) =>
        pairs.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
}
