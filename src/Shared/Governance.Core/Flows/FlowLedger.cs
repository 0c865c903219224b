using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Notifications;

namespace Governance.Core.Flows;

/// <summary>
/// The ledger writes a flow makes for one event, through its <see cref="EffectScope"/>: each record keyed by the
/// event and step, so a redelivery records nothing twice. A step already recorded with other content is an error,
/// never a silent success: two different things would otherwise share one piece of evidence.
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

    /// <exception cref="FlowStepException">The step was recorded before with another kind or other attributes.</exception>
    public async Task<LedgerRecord> AppendAsync(
        NodeRef subject, string step, string kind, string? account, string? group, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var draft = Draft(subject, step, kind, account, group, attributes);
        var stored = await scope.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        return Differences(draft, stored) is { Length: > 0 } differences
            ? throw new FlowStepException(
                $"step '{step}' of event {source.EventId} was already recorded on {subject} with other content ({differences}): a step is never recorded twice for different things",
                retryable: false)
            : stored;
    }

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

    private static string Differences(LedgerEventDraft draft, LedgerRecord stored)
    {
        var differences = new List<string>();
        if (!string.Equals(draft.Kind, stored.Kind, StringComparison.Ordinal))
        {
            differences.Add($"kind {stored.Kind}, now {draft.Kind}");
        }

        foreach (var key in draft.Attributes.Keys.Union(stored.Attributes.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var before = stored.Attributes.GetValueOrDefault(key);
            var now = draft.Attributes.GetValueOrDefault(key);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                differences.Add($"{key} {before ?? "absent"}, now {now ?? "absent"}");
            }
        }

        return string.Join("; ", differences);
    }

    private LedgerEventDraft Draft(NodeRef subject, string step, string kind, string? account, string? group, IReadOnlyDictionary<string, string> attributes) =>
        new(subject, FlowKeys.StepEventId(source.EventId, step), kind, source.OccurredAt, source.Approver, account, group, attributes);

    /// <summary>A record's attributes: the pairs whose value is present.</summary>
    public static Dictionary<string, string> Attributes(params (string Key, string? Value)[] pairs) =>
        pairs.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
}
