namespace Governance.Core.Ledger;

public enum ViolationStatus
{
    Open,
    Resolved,
}

/// <summary>
/// The latest state of a violation. A later <see cref="ChangedAt"/> replaces the stored state, an earlier one
/// is ignored; open violations are listed by an index that holds only open ones.
/// </summary>
/// <param name="Violation">The violation node (type <see cref="NodeTypes.Violation"/>).</param>
/// <param name="Resource">The resource in violation.</param>
/// <param name="Rule">The policy or Config rule.</param>
/// <param name="Severity">Severity as the policy states it.</param>
/// <param name="Account">The account of the resource, when known.</param>
/// <param name="Status">Open or resolved.</param>
/// <param name="ChangedAt">When the status was last set, by the event's clock.</param>
/// <param name="EventId">The event that set it.</param>
public sealed record ViolationState(
    NodeRef Violation,
    NodeRef Resource,
    string Rule,
    string Severity,
    string? Account,
    ViolationStatus Status,
    DateTimeOffset ChangedAt,
    string? EventId)
{
    /// <summary>What the rule said of the resource (Config's annotation) at the deciding evaluation, when it said anything.</summary>
    public string? Annotation { get; init; }
}
