namespace Governance.Core.Ledger;

/// <summary>
/// The one current target of a subject's relation, e.g. the central package an endpoint
/// <see cref="Relations.Runs"/>. Unlike edges it moves: a later <see cref="ChangedAt"/> replaces it, an
/// earlier one (an event delivered out of order) does not. The history stays in the graph and the timelines.
/// </summary>
public sealed record CurrentLink(NodeRef Subject, string Relation, NodeRef Target, DateTimeOffset ChangedAt, string? EventId);
