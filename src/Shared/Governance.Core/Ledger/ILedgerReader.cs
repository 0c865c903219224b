namespace Governance.Core.Ledger;

/// <summary>
/// The questions model risk managers ask. Each answer comes from key lookups on the table or its indexes,
/// reading only the items it returns.
/// </summary>
public interface ILedgerReader
{
    Task<LedgerNode?> GetNodeAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>The edges reachable from the start node in one direction, breadth first, with their depth.</summary>
    Task<LedgerPage<LineageStep>> GetLineageAsync(LineageQuery query, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The direct neighbours of a node in one direction, optionally only those of one node type: e.g. the
    /// central packages (<see cref="NodeTypes.CentralPackage"/>) downstream of a dataset, artifact or image.
    /// </summary>
    Task<LedgerPage<LedgerEdge>> GetNeighboursAsync(
        NodeRef node, LineageDirection direction, string? nodeType, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The subject's records in sequence order.</summary>
    Task<LedgerPage<LedgerRecord>> GetTimelineAsync(NodeRef subject, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The current target of a subject's relation, e.g. what an endpoint runs.</summary>
    Task<CurrentLink?> GetCurrentAsync(NodeRef subject, string relation, CancellationToken cancellationToken);

    /// <summary>Every record of an account, by occurrence time.</summary>
    Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(string account, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every record of a model package group, by occurrence time.</summary>
    Task<LedgerPage<LedgerRecord>> GetGroupActivityAsync(string modelPackageGroup, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every record that occurred in [since, until), by occurrence time.</summary>
    Task<LedgerPage<LedgerRecord>> GetActivityAsync(
        DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The violations whose latest state is open, oldest change first (by account first in the DynamoDB ledger).</summary>
    Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The open violations of one account, oldest change first, read from that account's part of the index only: a
    /// scoped caller's page never depends on other accounts' violations.
    /// </summary>
    Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(string account, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The records of one account that occurred in [since, until), by occurrence time, read from that account's part of the index only.</summary>
    Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(
        string account, DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken);
}
