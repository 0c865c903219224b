namespace Governance.Core.Ledger;

/// <summary>Reads chains as stored, for verification.</summary>
public interface ILedgerChains
{
    /// <summary>One subject's chain.</summary>
    Task<StoredChain> ReadChainAsync(NodeRef subject, CancellationToken cancellationToken);

    /// <summary>
    /// Every chain in the ledger, including records whose head pointer was deleted. This reads the whole
    /// ledger; it is for verification, never for answering questions.
    /// </summary>
    IAsyncEnumerable<StoredChain> ReadAllChainsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every node and every edge in the ledger, to check them against the chains
    /// (<see cref="Lineage.EvidenceVerifier"/>). This reads the whole ledger too.
    /// </summary>
    Task<StoredGraph> ReadGraphAsync(CancellationToken cancellationToken);
}

/// <summary>The ledger's nodes and edges as stored (each edge once, in its forward direction).</summary>
public sealed record StoredGraph(IReadOnlyList<LedgerNode> Nodes, IReadOnlyList<LedgerEdge> Edges);
