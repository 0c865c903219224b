using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;

namespace Governance.Core.Effects;

/// <summary>The result of an effect run at most once: the value computed now, or the recorded one (<see cref="Replayed"/>).</summary>
public sealed record Once<T>(T Value, bool Replayed);

/// <summary>
/// The effects of one event's handling, all through the <see cref="EffectLedger"/>: each is keyed by a stable
/// <see cref="EffectId"/> (a claim for effects outside the ledger, the chain's event-id guard for records, the outbox
/// key for notifications), and each is reported as a typed <see cref="Effect"/>, done now or found done.
/// </summary>
public sealed class EffectScope
{
    private readonly EffectLedger _ledger;
    private readonly Lock _gate = new();
    private readonly List<Effect> _done = [];
    private readonly List<Effect> _alreadyDone = [];

    internal EffectScope(EffectLedger ledger, string eventId, DateTimeOffset deadline)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        _ledger = ledger;
        EventId = eventId;
        Deadline = deadline;
    }

    /// <summary>The event's id: the cause of the effects this scope keys.</summary>
    public string EventId { get; }

    /// <summary>The invocation's deadline: claims taken in this scope are in progress until then.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>What this delivery did.</summary>
    public IReadOnlyList<Effect> Done
    {
        get
        {
            lock (_gate)
            {
                return [.. _done];
            }
        }
    }

    /// <summary>What this delivery found done by an earlier one.</summary>
    public IReadOnlyList<Effect> AlreadyDone
    {
        get
        {
            lock (_gate)
            {
                return [.. _alreadyDone];
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> at most once per <paramref name="id"/>: a second run gets the recorded result
    /// (deserialised with <paramref name="type"/>), a concurrent one a retryable failure; a failed run gives its
    /// claim back. The first run returns the very object it computed.
    /// </summary>
    /// <exception cref="FlowStepException">Another invocation holds the claim, or this one outlived its deadline (retryable).</exception>
    public async Task<Once<T>> RunOnceAsync<T>(EffectId id, JsonTypeInfo<T> type, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(work);
        var claims = _ledger.Claims;
        var claim = await claims.TryBeginAsync(id, Deadline, cancellationToken);
        switch (claim.Status)
        {
            case EffectClaimStatus.AlreadyCompleted:
                var recorded = claim.Result is { Length: > 0 } json ? JsonSerializer.Deserialize(json, type) : default;
                return recorded is null
                    ? throw new InvalidDataException($"{id} is recorded as done without a readable result")
                    : new Once<T>(recorded, true);
            case EffectClaimStatus.InProgress:
                throw new FlowStepException($"{id} is being done by another invocation until {claim.InProgressUntil:O}; deliver again later", retryable: true);
        }

        var token = claim.Token ?? throw new InvalidOperationException("the effect store acquired a claim without a token");
        T value;
        try
        {
            value = await work(cancellationToken);
        }
        catch
        {
            await claims.ReleaseAsync(id, token, CancellationToken.None);
            throw;
        }

        if (!await claims.CompleteAsync(id, token, JsonSerializer.Serialize(value, type), cancellationToken))
        {
            throw new FlowStepException($"{id} took longer than the invocation's deadline and another invocation claimed it; deliver again", retryable: true);
        }

        return new Once<T>(value, false);
    }

    /// <summary>Appends a record that decides no notification; answers it (or the one already there for its event id).</summary>
    public async Task<LedgerRecord> AppendAsync(LedgerEventDraft draft, CancellationToken cancellationToken) =>
        (await AppendAsync(new ChainAppend(draft), cancellationToken)).Stored;

    /// <summary>
    /// Appends a record together with the notifications it decides (queued in the same transaction, published by
    /// <see cref="DrainAsync"/>); <paramref name="receipt"/> says where their publication is recorded, if anywhere.
    /// </summary>
    public async Task<LedgerRecord> AppendAsync(
        LedgerEventDraft draft, IReadOnlyList<Notification> notifications, NotificationReceipt? receipt, CancellationToken cancellationToken) =>
        (await AppendAsync(new ChainAppend(draft) { Outbox = Queue(draft.Subject, notifications, receipt) }, cancellationToken)).Stored;

    /// <summary>Appends as <paramref name="append"/> says (conditional on a head, with outbox messages) and reports what happened.</summary>
    public async Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var result = await _ledger.Writer.AppendAsync(append, cancellationToken);
        if (result.Record is { } record)
        {
            var appended = result.Status == ChainAppendStatus.Appended;
            Report(new RecordAppended(record.Subject, record.Kind, record.Sequence, record.EventId), !appended);
            if (appended)
            {
                foreach (var message in append.Outbox)
                {
                    Report(Queued(message), false);
                }
            }
        }

        return result;
    }

    /// <summary>The outbox messages for notifications a record about <paramref name="about"/> decides, one per (event type, model version).</summary>
    public IReadOnlyList<OutboxMessage> Queue(NodeRef about, IReadOnlyList<Notification> notifications, NotificationReceipt? receipt = null)
    {
        ArgumentNullException.ThrowIfNull(about);
        ArgumentNullException.ThrowIfNull(notifications);
        return [.. notifications
            .Select(notification => new OutboxMessage(
                new EffectId(EventId, "notify:" + notification.EventType.WireName(), notification.Subject.ModelPackageArn ?? about.ToString()),
                notification,
                receipt))
            .DistinctBy(message => message.Id)];
    }

    public async Task RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var recorded = await _ledger.Writer.RecordNodeAsync(node, cancellationToken);
        Report(new NodeRecorded(node.Node), !recorded);
    }

    public async Task RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var recorded = await _ledger.Writer.RecordEdgeAsync(edge, cancellationToken);
        Report(new EdgeRecorded(edge.From, edge.Relation, edge.To), !recorded);
    }

    public async Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await _ledger.Writer.SetCurrentAsync(link, cancellationToken);
        Report(new CurrentLinkSet(link.Subject, link.Relation, link.Target), false);
    }

    public async Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _ledger.Writer.SetViolationAsync(state, cancellationToken);
        Report(new ViolationStateSet(state.Violation, state.Status), false);
    }

    /// <summary>Publishes every notification this event queued that is still pending, and marks each sent.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => DrainAsync(completeReceipts: true, cancellationToken);

    /// <summary>
    /// As <see cref="DrainAsync(CancellationToken)"/>; with <paramref name="completeReceipts"/>, a message already sent
    /// whose receipt a crash may have cut off gets it recorded now (receipts are idempotent per event id). A handling
    /// recorded as done had drained fully, so its duplicates skip that.
    /// </summary>
    internal async Task DrainAsync(bool completeReceipts, CancellationToken cancellationToken)
    {
        foreach (var entry in await _ledger.Outbox.ForEventAsync(EventId, cancellationToken))
        {
            if (entry.MessageId is not { } messageId)
            {
                await _ledger.PublishAsync(entry.Message, Report, cancellationToken);
            }
            else if (completeReceipts)
            {
                Report(Sent(entry.Message, messageId), true);
                await _ledger.RecordReceiptAsync(entry.Message, messageId, Report, cancellationToken);
            }
            else
            {
                Report(Sent(entry.Message, messageId), true);
            }
        }
    }

    /// <summary>Reports an effect the handler did (or found done) outside the ledger's own writes.</summary>
    public void Report(Effect effect, bool alreadyDone)
    {
        ArgumentNullException.ThrowIfNull(effect);
        lock (_gate)
        {
            (alreadyDone ? _alreadyDone : _done).Add(effect);
        }
    }

    internal static NotificationSent Sent(OutboxMessage message, string messageId) =>
        new(message.Notification.EventType.WireName(), message.Notification.Id, messageId);

    private static NotificationQueued Queued(OutboxMessage message) =>
        new(message.Notification.EventType.WireName(), message.Notification.Id, message.Notification.Subject.ModelPackageArn);
}
