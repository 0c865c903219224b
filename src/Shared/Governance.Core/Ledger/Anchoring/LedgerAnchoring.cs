namespace Governance.Core.Ledger.Anchoring;

/// <summary>Every chain head, as the ledger stores it now (read from an index of heads, not the whole ledger).</summary>
public interface ILedgerHeads
{
    IAsyncEnumerable<AnchoredHead> ReadHeadsAsync(CancellationToken cancellationToken);

    /// <summary>The last anchored digest, as recorded by the anchoring function; null before the first.</summary>
    Task<DigestHead?> ReadDigestHeadAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="digest"/> as the last anchored one, if <paramref name="previous"/> still is.</summary>
    /// <returns>False when another anchoring run moved it first.</returns>
    Task<bool> MoveDigestHeadAsync(DigestHead? previous, LedgerDigest digest, CancellationToken cancellationToken);
}

/// <summary>Where digests are kept out of the writers' reach (S3 Object Lock in compliance mode).</summary>
public interface IDigestArchive
{
    /// <summary>Writes a new digest object; never replaces one.</summary>
    Task PutAsync(LedgerDigest digest, CancellationToken cancellationToken);

    /// <summary>Every stored digest version in key order, with any problem reading it (auditors' credentials).</summary>
    Task<IReadOnlyList<ArchivedDigest>> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>A stored digest object: its key, its current content, and how many versions the key has.</summary>
public sealed record ArchivedDigest(string Key, byte[] Content, int Versions);

/// <summary>Writes the next digest of every chain head: read the heads, link to the last digest, archive, move the digest head.</summary>
public sealed class LedgerAnchoring(ILedgerHeads heads, IDigestArchive archive, TimeProvider time)
{
    public async Task<LedgerDigest> AnchorAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var previous = await heads.ReadDigestHeadAsync(cancellationToken);
            var current = new List<AnchoredHead>();
            await foreach (var head in heads.ReadHeadsAsync(cancellationToken))
            {
                current.Add(head);
            }

            var digest = LedgerDigest.Next(previous, current, time.GetUtcNow());
            await archive.PutAsync(digest, cancellationToken);
            if (await heads.MoveDigestHeadAsync(previous, digest, cancellationToken))
            {
                return digest;
            }

            if (attempt >= 3)
            {
                throw new InvalidOperationException($"digest #{digest.Number} could not be recorded: other anchoring runs kept moving the digest head");
            }
        }
    }
}
