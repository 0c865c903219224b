using System.Security.Cryptography;

namespace Governance.Core.Ledger;

/// <summary>Hashing and extension of a subject's chain.</summary>
public static class ChainHash
{
    /// <summary>The previous hash of a chain's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lower-case hex SHA-256 of the record's canonical form (its own <c>Hash</c> field excluded).</summary>
    public static string Compute(LedgerRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalRecord.Serialise(record)));

    /// <summary>The record that extends the chain whose last record is <paramref name="head"/> (null: empty chain).</summary>
    public static LedgerRecord Next(ChainHead? head, LedgerEventDraft draft, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrEmpty(draft.EventId);
        ArgumentException.ThrowIfNullOrEmpty(draft.Kind);
        if (head is not null && head.Subject != draft.Subject)
        {
            throw new ArgumentException($"head of {head.Subject} cannot extend the chain of {draft.Subject}", nameof(head));
        }

        var unsigned = new LedgerRecord(
            draft.Subject,
            (head?.Sequence ?? 0) + 1,
            draft.EventId,
            draft.Kind,
            draft.OccurredAt.ToUniversalTime(),
            recordedAt.ToUniversalTime(),
            draft.Actor,
            draft.Account,
            draft.ModelPackageGroup,
            new SortedDictionary<string, string>(draft.Attributes.ToDictionary(), StringComparer.Ordinal),
            head?.Hash ?? Genesis,
            string.Empty);
        return unsigned with { Hash = Compute(unsigned) };
    }
}
