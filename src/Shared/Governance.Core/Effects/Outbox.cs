using Governance.Core.Ledger;
using Governance.Core.Notifications;

namespace Governance.Core.Effects;

/// <summary>
/// A notification decided by a ledger record, written to the outbox in the same transaction as that record.
/// <see cref="Id"/> (event, <c>notify:&lt;event type&gt;</c>, model version) keys it; the message's own
/// <c>notificationId</c> stays the subscribers' key for dropping repeats.
/// </summary>
/// <param name="Receipt">When set, publishing also appends a <c>notification.published</c> record (with the message id) to that chain.</param>
public sealed record OutboxMessage(EffectId Id, Notification Notification, NotificationReceipt? Receipt);

/// <summary>Where and how a published notification is recorded: the <c>notification.published</c> record's chain and fields.</summary>
public sealed record NotificationReceipt(
    NodeRef Subject, string RecordEventId, DateTimeOffset OccurredAt, string? Actor, string? Account, string? ModelPackageGroup);

/// <summary>An outbox message as stored: pending until <see cref="MessageId"/> is set.</summary>
public sealed record OutboxEntry(OutboxMessage Message, DateTimeOffset QueuedAt, string? MessageId)
{
    public bool IsSent => MessageId is not null;
}

/// <summary>
/// The notifications outbox. Messages are queued by <see cref="ILedgerWriter.AppendAsync"/> with the record that
/// decides them; this port finds them again and marks them sent.
/// </summary>
public interface IOutbox
{
    /// <summary>Every message an event queued, pending or sent (a consistent read).</summary>
    Task<IReadOnlyList<OutboxEntry>> ForEventAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Marks a pending message sent with the topic's message id; false when it was no longer pending.</summary>
    Task<bool> MarkSentAsync(EffectId id, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest pending messages queued before <paramref name="queuedBefore"/>, at most <paramref name="limit"/>,
    /// from an index of pending messages only (no scan), for a sweep that finishes what no redelivery did.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> PendingAsync(DateTimeOffset queuedBefore, int limit, CancellationToken cancellationToken);
}
