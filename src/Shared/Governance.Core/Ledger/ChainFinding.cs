namespace Governance.Core.Ledger;

/// <summary>What is wrong with one place in a chain.</summary>
public enum ChainFindingKind
{
    /// <summary>The record's content does not hash to its stored hash: a field was changed.</summary>
    Altered,

    /// <summary>A sequence number below the head has no record: a record was deleted.</summary>
    Missing,

    /// <summary>The record is stored out of sequence order: records were swapped or moved.</summary>
    Reordered,

    /// <summary>Two records carry the same sequence number.</summary>
    Duplicated,

    /// <summary>The record's previous hash is not the hash of the record before it.</summary>
    BrokenLink,

    /// <summary>The head pointer is missing or names a different last record than the chain has.</summary>
    HeadMismatch,

    /// <summary>A record stored under this subject names another subject.</summary>
    ForeignSubject,
}

/// <summary>One problem <see cref="ChainVerifier"/> found, at the given sequence number.</summary>
public sealed record ChainFinding(NodeRef Subject, long Sequence, ChainFindingKind Kind, string Detail)
{
    public override string ToString() => $"{Kind.ToString().ToUpperInvariant()} {Subject} #{Sequence}: {Detail}";
}
