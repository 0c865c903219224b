using Governance.Core.Effects;

namespace Governance.Core.Ledger;

/// <summary>Records lineage and audit facts. Every call is safe to repeat with the same input.</summary>
public interface ILedgerWriter
{
    /// <summary>Records a node; when the node is already recorded the stored one is kept. True when this call recorded it.</summary>
    Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken);

    /// <summary>Records an edge (forward and reverse at once); when already recorded the stored one is kept. True when this call recorded it.</summary>
    Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a record to the subject's hash chain in one transaction with its event-id guard, the moved head and
    /// the outbox messages the record decides. Appending an event id already in the subject's chain returns that
    /// record (<see cref="ChainAppendStatus.AlreadyRecorded"/>) and queues nothing. Without
    /// <see cref="ChainAppend.After"/> it retries when another writer moved the head; with it, it answers
    /// <see cref="ChainAppendStatus.HeadMoved"/> instead.
    /// </summary>
    Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken);

    /// <summary>Sets the current target of a relation unless a later change is already stored.</summary>
    Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken);

    /// <summary>Sets a violation's state unless a later change is already stored.</summary>
    Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken);
}

/// <summary>A record to append, the notifications it decides, and optionally the head it must follow.</summary>
public sealed record ChainAppend(LedgerEventDraft Draft)
{
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    /// <summary>When set, the record is appended only right after this head (null head: only to an empty chain).</summary>
    public ExpectedHead? After { get; init; }
}

/// <summary>The head a conditional append expects: the last record read (null when the chain was empty).</summary>
public sealed record ExpectedHead(ChainHead? Head);

public enum ChainAppendStatus
{
    Appended,
    AlreadyRecorded,
    HeadMoved,
}

/// <summary>What an append did; <see cref="Record"/> is null only when the head moved.</summary>
public sealed record ChainAppendResult(ChainAppendStatus Status, LedgerRecord? Record)
{
    /// <summary>The appended or already recorded record.</summary>
    public LedgerRecord Stored => Record ?? throw new InvalidOperationException("the chain's head moved: nothing was appended");
}

public static class LedgerWriterExtensions
{
    /// <summary>Appends a record that decides no notification; answers it, or the record already there for its event id.</summary>
    public static async Task<LedgerRecord> AppendAsync(this ILedgerWriter writer, LedgerEventDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return (await writer.AppendAsync(new ChainAppend(draft), cancellationToken)).Stored;
    }
}
