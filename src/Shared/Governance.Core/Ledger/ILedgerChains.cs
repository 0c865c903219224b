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
}
