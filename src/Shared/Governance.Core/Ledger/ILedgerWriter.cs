namespace Governance.Core.Ledger;

/// <summary>Records lineage and audit facts. Every call is safe to repeat with the same input.</summary>
public interface ILedgerWriter
{
    /// <summary>Records a node; when the node is already recorded the stored one is kept.</summary>
    Task RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken);

    /// <summary>Records an edge (forward and reverse at once); when already recorded the stored one is kept.</summary>
    Task RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a record to the subject's hash chain, conditional on the chain head, retrying when another
    /// writer moved the head. Appending an event id already in the subject's chain returns that record.
    /// </summary>
    Task<LedgerRecord> AppendAsync(LedgerEventDraft draft, CancellationToken cancellationToken);

    /// <summary>Sets the current target of a relation unless a later change is already stored.</summary>
    Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken);

    /// <summary>Sets a violation's state unless a later change is already stored.</summary>
    Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken);
}
