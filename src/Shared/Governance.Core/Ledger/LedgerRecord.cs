namespace Governance.Core.Ledger;

/// <summary>
/// One appended, hash-chained event record. <see cref="Hash"/> is the SHA-256 of
/// <see cref="CanonicalRecord"/>'s serialisation of every other field, which includes
/// <see cref="PreviousHash"/>, the hash of the subject's record <see cref="Sequence"/> - 1
/// (<see cref="ChainHash.Genesis"/> for the first).
/// </summary>
public sealed record LedgerRecord(
    NodeRef Subject,
    long Sequence,
    string EventId,
    string Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? Actor,
    string? Account,
    string? ModelPackageGroup,
    IReadOnlyDictionary<string, string> Attributes,
    string PreviousHash,
    string Hash);

/// <summary>The last record of a subject's chain as the head pointer states it.</summary>
public sealed record ChainHead(NodeRef Subject, long Sequence, string Hash);

/// <summary>A subject's chain as stored: its head pointer (null when missing) and its records in key order.</summary>
public sealed record StoredChain(NodeRef Subject, ChainHead? Head, IReadOnlyList<LedgerRecord> Records);
