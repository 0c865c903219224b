using System.Text.Json;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;

namespace Governance.Core.Effects;

/// <summary>
/// The one way the flows and monitors act on the world. Every side effect has a stable <see cref="EffectId"/> and
/// goes through here: ledger records (idempotent per subject and event id, with the notifications they decide
/// written to the outbox in the same transaction), effects outside the ledger (claimed, their typed result
/// recorded), and notifications (published from the outbox on every delivery of the event, or by
/// <see cref="SweepAsync"/>). Built once per function; <see cref="Begin"/> opens one event's <see cref="EffectScope"/>.
/// </summary>
public sealed class EffectLedger(ILedgerWriter writer, IEffectStore claims, IOutbox outbox, INotifier notifier, TimeProvider time)
{
    public const string NotificationPublishedKind = "notification.published";

    internal ILedgerWriter Writer { get; } = writer;

    internal IEffectStore Claims { get; } = claims;

    internal IOutbox Outbox { get; } = outbox;

    public TimeProvider Time { get; } = time;

    public EffectScope Begin(string eventId, DateTimeOffset deadline) => new(this, eventId, deadline);

    /// <summary>
    /// Handles an event at most once: <paramref name="work"/> runs under the claim <paramref name="handling"/> and
    /// answers the reason; the event's pending notifications are then published, and only then is the handling
    /// recorded as done (typed, with its effects). A later delivery gets that record, marked as replayed, after
    /// publishing whatever is still pending; a concurrent one a retryable failure. A failed run gives the claim
    /// back, so a redelivery runs again and finds each effect already done.
    /// </summary>
    /// <exception cref="FlowFailedException">Another invocation is handling the event, or this one outlived its deadline (retryable).</exception>
    public async Task<HandledEvent> HandleOnceAsync(
        EffectId handling, DateTimeOffset deadline, Func<EffectScope, CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handling);
        ArgumentNullException.ThrowIfNull(work);
        var scope = Begin(handling.Cause, deadline);
        var claim = await Claims.TryBeginAsync(handling, deadline, cancellationToken);
        switch (claim.Status)
        {
            case EffectClaimStatus.AlreadyCompleted:
                var recorded = claim.Result is { Length: > 0 } json ? JsonSerializer.Deserialize(json, EffectJsonContext.Default.HandledEvent) : null;
                await scope.DrainAsync(completeReceipts: false, cancellationToken);
                return new HandledEvent(
                    "already handled: " + (recorded?.Reason ?? "no outcome was recorded"),
                    scope.Done,
                    [.. recorded?.Effects ?? [], .. recorded?.AlreadyDone ?? []])
                {
                    Replayed = true,
                };
            case EffectClaimStatus.InProgress:
                throw new FlowFailedException(
                    $"{handling} is being handled by another invocation until {claim.InProgressUntil:O}; deliver again later", "claim", retryable: true);
        }

        var token = claim.Token ?? throw new InvalidOperationException("the effect store acquired a claim without a token");
        HandledEvent handled;
        try
        {
            var reason = await work(scope, cancellationToken);
            await scope.DrainAsync(cancellationToken);
            handled = new HandledEvent(reason, scope.Done, scope.AlreadyDone);
        }
        catch
        {
            await Claims.ReleaseAsync(handling, token, CancellationToken.None);
            throw;
        }

        if (!await Claims.CompleteAsync(handling, token, JsonSerializer.Serialize(handled, EffectJsonContext.Default.HandledEvent), cancellationToken))
        {
            throw new FlowFailedException(
                $"{handling} took longer than the invocation's deadline and another invocation claimed it; deliver again", "complete", retryable: true);
        }

        return handled;
    }

    /// <summary>
    /// Publishes pending notifications queued before <paramref name="queuedBefore"/> (at most <paramref name="limit"/>),
    /// oldest first: what neither the event's handling nor a redelivery got out. Found through the outbox's index of
    /// pending messages, never a scan. Nothing calls it on a schedule yet; <c>governance</c> operators and a future
    /// scheduled function can.
    /// </summary>
    public async Task<IReadOnlyList<Effect>> SweepAsync(DateTimeOffset queuedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var effects = new List<Effect>();
        foreach (var entry in await Outbox.PendingAsync(queuedBefore, limit, cancellationToken))
        {
            await PublishAsync(entry.Message, (effect, _) => effects.Add(effect), cancellationToken);
        }

        return effects;
    }

    /// <summary>
    /// Publishes one outbox message, marks it sent, then records its receipt when it asks for one: a crash before the
    /// mark publishes it again on the next drain (with the same <c>notificationId</c>, for subscribers to drop); a crash
    /// after it leaves only the receipt to record, which the next drain does without publishing again.
    /// </summary>
    internal async Task PublishAsync(OutboxMessage message, Action<Effect, bool> report, CancellationToken cancellationToken)
    {
        var messageId = await notifier.PublishAsync(message.Notification, cancellationToken);
        await Outbox.MarkSentAsync(message.Id, messageId, Time.GetUtcNow(), cancellationToken);
        report(EffectScope.Sent(message, messageId), false);
        await RecordReceiptAsync(message, messageId, report, cancellationToken);
    }

    /// <summary>The <c>notification.published</c> record of a sent message, when it asks for one (idempotent per event id).</summary>
    internal async Task RecordReceiptAsync(OutboxMessage message, string messageId, Action<Effect, bool> report, CancellationToken cancellationToken)
    {
        if (message.Receipt is not { } receipt)
        {
            return;
        }

        var draft = new LedgerEventDraft(receipt.Subject, receipt.RecordEventId, NotificationPublishedKind, receipt.OccurredAt, receipt.Actor, receipt.Account,
            receipt.ModelPackageGroup, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["eventType"] = message.Notification.EventType.WireName(),
                ["messageId"] = messageId,
            });
        var appended = await Writer.AppendAsync(new ChainAppend(draft), cancellationToken);
        var record = appended.Stored;
        report(new RecordAppended(record.Subject, record.Kind, record.Sequence, record.EventId), appended.Status == ChainAppendStatus.AlreadyRecorded);
    }
}
