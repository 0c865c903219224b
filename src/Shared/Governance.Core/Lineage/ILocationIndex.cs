using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Lineage;

/// <summary>
/// A ledger node found at an S3 location: a dataset (its id), or an artifact (its recorded team or central URI).
/// <c>Account</c> is the account the recording named (the team whose sync filed the location).
/// </summary>
public sealed record LocatedNode(NodeRef Node, string Uri, string? Account);

/// <summary>
/// The ledger's index of S3 locations: the writer files every node that names an S3 object or prefix under its
/// bucket and key, so "what was stored under this prefix" is one key-ordered read of one bucket's entries.
/// </summary>
public interface ILocationIndex
{
    /// <summary>The nodes whose S3 key starts with <paramref name="prefix"/>'s key, in key order (every key in the bucket for an empty key).</summary>
    Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync(S3Location, PageRequest, CancellationToken)"/>, for the entries <paramref name="account"/>
    /// filed, read from that account's own entries only: whether another account stored anything there never shows.
    /// </summary>
    Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, string account, PageRequest page, CancellationToken cancellationToken);
}
