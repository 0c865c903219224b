namespace Governance.Core.Ledger;

/// <summary>
/// A directed lineage edge from an upstream node to the node derived from or deployed with it
/// (dataset → training job, artifact → central package, central package → endpoint, endpoint → violation).
/// Recorded once; recording the same (From, Relation, To) again is ignored.
/// </summary>
/// <param name="From">The upstream node.</param>
/// <param name="Relation">What the link means, lower-case letters, digits and dashes (see <see cref="Relations"/>).</param>
/// <param name="To">The downstream node.</param>
/// <param name="RecordedAt">When the ledger first recorded it.</param>
/// <param name="EventId">The event that established it, when there is one.</param>
public sealed record LedgerEdge(
    NodeRef From,
    string Relation,
    NodeRef To,
    DateTimeOffset RecordedAt,
    string? EventId);

/// <summary>An edge as a lineage walk found it: how many hops from the start node.</summary>
public sealed record LineageStep(LedgerEdge Edge, int Depth);
