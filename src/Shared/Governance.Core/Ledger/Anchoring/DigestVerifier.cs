namespace Governance.Core.Ledger.Anchoring;

/// <summary>
/// Checks the archived digests and the table against them: the digests form an unbroken hash chain (numbers
/// 1..n, each linking to the previous one's hash, each Merkle root matching its heads, no key overwritten), and
/// every chain the latest digest anchored still has that record with that hash. A chain rewritten consistently
/// (records and head), truncated or deleted since the last digest is found here, where the chain alone looks intact.
/// </summary>
public static class DigestVerifier
{
    /// <param name="archived">Every archived digest object, in key order.</param>
    /// <param name="chains">The table's chains by subject (see <see cref="ILedgerChains"/>).</param>
    public static IReadOnlyList<string> Verify(IReadOnlyList<ArchivedDigest> archived, IReadOnlyDictionary<NodeRef, StoredChain> chains)
    {
        ArgumentNullException.ThrowIfNull(archived);
        ArgumentNullException.ThrowIfNull(chains);
        var findings = new List<string>();
        LedgerDigest? previous = null;
        foreach (var stored in archived)
        {
            LedgerDigest digest;
            try
            {
                digest = LedgerDigest.Parse(stored.Content);
            }
            catch (FormatException e)
            {
                findings.Add($"DIGEST {stored.Key}: unreadable ({e.Message})");
                continue;
            }

            if (stored.Versions > 1)
            {
                findings.Add($"DIGEST {stored.Key}: overwritten ({stored.Versions} versions)");
            }

            if (stored.Key != digest.Key)
            {
                findings.Add($"DIGEST {stored.Key}: holds digest #{digest.Number}");
            }

            var expectedNumber = (previous?.Number ?? 0) + 1;
            if (digest.Number != expectedNumber)
            {
                findings.Add($"DIGEST #{digest.Number}: expected #{expectedNumber} (a digest is missing)");
            }

            if (digest.PreviousHash != (previous?.Hash ?? LedgerDigest.Genesis))
            {
                findings.Add($"DIGEST #{digest.Number}: does not link to the hash of digest #{digest.Number - 1}");
            }

            if (MerkleTree.Root(digest.Heads) != digest.MerkleRoot)
            {
                findings.Add($"DIGEST #{digest.Number}: Merkle root does not match its heads");
            }

            previous = digest;
        }

        if (previous is not null)
        {
            findings.AddRange(CheckAgainstTable(previous, chains));
        }

        return findings;
    }

    private static IEnumerable<string> CheckAgainstTable(LedgerDigest latest, IReadOnlyDictionary<NodeRef, StoredChain> chains)
    {
        foreach (var anchored in latest.Heads)
        {
            if (!chains.TryGetValue(anchored.Subject, out var chain) || chain.Records.Count == 0)
            {
                yield return $"DELETED {anchored.Subject}: digest #{latest.Number} anchored {anchored.Sequence} record(s), the table has none";
                continue;
            }

            var record = chain.Records.FirstOrDefault(candidate => candidate.Sequence == anchored.Sequence);
            var last = chain.Records.Max(candidate => candidate.Sequence);
            if (record is null || last < anchored.Sequence)
            {
                yield return $"TRUNCATED {anchored.Subject} #{anchored.Sequence}: digest #{latest.Number} anchored it, the chain ends at #{last}";
            }
            else if (record.Hash != anchored.Hash)
            {
                yield return $"REWRITTEN {anchored.Subject} #{anchored.Sequence}: hash {record.Hash[..16]}… differs from {anchored.Hash[..16]}… anchored in digest #{latest.Number}";
            }
        }
    }
}
