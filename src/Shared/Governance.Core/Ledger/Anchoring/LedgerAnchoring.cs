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
    /// <summary>Writes the digest as a new object, only if its key holds none yet (a conditional write); never replaces one.</summary>
    /// <returns>False when the key already holds a digest (another anchoring run wrote it first).</returns>
    Task<bool> PutNewAsync(LedgerDigest digest, CancellationToken cancellationToken);

    /// <summary>The digest stored under <see cref="LedgerDigest.DigestKey"/>(<paramref name="number"/>); null when there is none.</summary>
    /// <exception cref="FormatException">The object is not a digest.</exception>
    Task<LedgerDigest?> ReadAsync(long number, CancellationToken cancellationToken);

    /// <summary>Every stored digest version in key order, with any problem reading it (auditors' credentials).</summary>
    Task<IReadOnlyList<ArchivedDigest>> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>A stored digest object: its key, its current content, and how many versions the key has.</summary>
public sealed record ArchivedDigest(string Key, byte[] Content, int Versions);

/// <summary>
/// Writes the next digest of every chain head: read the heads, link to the last digest, archive, move the digest
/// head. Safe when runs overlap or one stopped half-way: the archive writes each digest key at most once, so of two
/// runs computing the same number one wins; the other, like a run after one that stopped before moving the digest
/// head, takes the archived digest as the last one (it links to the same predecessor) and writes the next number.
/// </summary>
public sealed class LedgerAnchoring(ILedgerHeads heads, IDigestArchive archive, TimeProvider time)
{
    public const int MaxAttempts = 5;

    public async Task<LedgerDigest> AnchorAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var previous = await heads.ReadDigestHeadAsync(cancellationToken);
            var current = new List<AnchoredHead>();
            await foreach (var head in heads.ReadHeadsAsync(cancellationToken))
            {
                current.Add(head);
            }

            var digest = LedgerDigest.Next(previous, current, time.GetUtcNow());
            if (await archive.PutNewAsync(digest, cancellationToken))
            {
                if (await heads.MoveDigestHeadAsync(previous, digest, cancellationToken)
                    || (await heads.ReadDigestHeadAsync(cancellationToken))?.Hash == digest.Hash)
                {
                    return digest;
                }

                continue;
            }

            await AdoptArchivedAsync(previous, digest.Number, cancellationToken);
        }

        throw new InvalidOperationException($"no digest could be recorded in {MaxAttempts} attempts: other anchoring runs kept writing the next digest first");
    }

    /// <summary>Moves the digest head to the digest another run archived under <paramref name="number"/>, if it follows <paramref name="previous"/>.</summary>
    private async Task AdoptArchivedAsync(DigestHead? previous, long number, CancellationToken cancellationToken)
    {
        var archived = await archive.ReadAsync(number, cancellationToken);
        if (archived is null)
        {
            return; // the other run's write is not visible yet: the next attempt reads again
        }

        if (archived.PreviousHash != (previous?.Hash ?? LedgerDigest.Genesis))
        {
            throw new InvalidOperationException(
                $"digest #{number} in the archive does not link to the digest head #{previous?.Number ?? 0} the ledger table holds: "
                + "the table's digest head was changed; run governance ledger verify --digest-bucket");
        }

        await heads.MoveDigestHeadAsync(previous, archived, cancellationToken);
    }
}
