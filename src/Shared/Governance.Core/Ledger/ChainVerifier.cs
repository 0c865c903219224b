namespace Governance.Core.Ledger;

/// <summary>
/// Checks a stored chain: every record hashes to its stored hash, sequence numbers run 1..n in storage order
/// without gaps or repeats, each record links to the hash of its predecessor, and the head pointer names
/// the last record. Deleting the last records is caught by the head; rewriting a record and every later
/// one (and the head) consistently is not detectable from the table alone.
/// </summary>
public static class ChainVerifier
{
    public static IReadOnlyList<ChainFinding> Verify(StoredChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var findings = new List<ChainFinding>();
        var subject = chain.Subject;
        var bySequence = new Dictionary<long, LedgerRecord>();
        long previousSequence = 0;

        foreach (var record in chain.Records)
        {
            if (record.Subject != subject)
            {
                findings.Add(new(subject, record.Sequence, ChainFindingKind.ForeignSubject,
                    $"record names subject {record.Subject}"));
            }

            if (ChainHash.Compute(record) != record.Hash)
            {
                findings.Add(new(subject, record.Sequence, ChainFindingKind.Altered,
                    "content does not match its stored hash"));
            }

            if (!bySequence.TryAdd(record.Sequence, record))
            {
                findings.Add(new(subject, record.Sequence, ChainFindingKind.Duplicated,
                    "another record has the same sequence number"));
            }
            else if (record.Sequence <= previousSequence)
            {
                findings.Add(new(subject, record.Sequence, ChainFindingKind.Reordered,
                    $"stored after record #{previousSequence}"));
            }

            previousSequence = Math.Max(previousSequence, record.Sequence);
        }

        var last = Math.Max(previousSequence, chain.Head?.Sequence ?? 0);
        for (long sequence = 1; sequence <= last; sequence++)
        {
            if (!bySequence.TryGetValue(sequence, out var record))
            {
                findings.Add(new(subject, sequence, ChainFindingKind.Missing, "no record has this sequence number"));
                continue;
            }

            var expected = sequence == 1
                ? ChainHash.Genesis
                : bySequence.TryGetValue(sequence - 1, out var predecessor) ? predecessor.Hash : null;
            if (expected is not null && record.PreviousHash != expected)
            {
                findings.Add(new(subject, sequence, ChainFindingKind.BrokenLink,
                    sequence == 1 ? "first record does not start from the genesis hash" : $"does not link to record #{sequence - 1}"));
            }
        }

        findings.AddRange(CheckHead(chain, bySequence, previousSequence));
        return findings;
    }

    private static IEnumerable<ChainFinding> CheckHead(StoredChain chain, Dictionary<long, LedgerRecord> bySequence, long highest)
    {
        var head = chain.Head;
        if (head is null)
        {
            if (highest > 0)
            {
                yield return new(chain.Subject, highest, ChainFindingKind.HeadMismatch, "chain has records but no head pointer");
            }

            yield break;
        }

        if (head.Sequence != highest)
        {
            yield return new(chain.Subject, head.Sequence, ChainFindingKind.HeadMismatch,
                $"head names #{head.Sequence} but the last stored record is #{highest}");
        }
        else if (bySequence.TryGetValue(head.Sequence, out var last) && last.Hash != head.Hash)
        {
            yield return new(chain.Subject, head.Sequence, ChainFindingKind.HeadMismatch,
                "head hash differs from the last record's hash");
        }
    }
}
