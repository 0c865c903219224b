namespace Governance.Core.Ledger;

/// <summary>A node of the lineage graph. Recorded once; a second recording of the same node is ignored.</summary>
/// <param name="Node">Its identity.</param>
/// <param name="Account">The AWS account it lives in, when known.</param>
/// <param name="ModelPackageGroup">The model package group it belongs to, when it belongs to one.</param>
/// <param name="Attributes">Descriptive facts (uri, sha256, approver, status at creation, ...).</param>
/// <param name="RecordedAt">When the ledger first recorded it.</param>
public sealed record LedgerNode(
    NodeRef Node,
    string? Account,
    string? ModelPackageGroup,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset RecordedAt);
