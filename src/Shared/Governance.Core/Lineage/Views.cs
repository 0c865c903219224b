using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>Ledger records to API views.</summary>
internal static class Views
{
    public static NodeView Node(NodeRef node, LedgerNode? stored) =>
        new(node.Type, node.Id, stored?.Account, stored?.Attributes ?? EmptyAttributes, stored?.RecordedAt);

    public static EdgeView Edge(LedgerEdge edge) =>
        new(edge.From.ToString(), edge.Relation, edge.To.ToString(), edge.RecordedAt);

    public static RecordView Record(LedgerRecord record) =>
        new(record.Subject.ToString(), record.Sequence, record.Kind, record.OccurredAt, record.RecordedAt, record.Actor,
            record.Account, record.ModelPackageGroup, record.Attributes, record.EventId, record.Hash);

    public static ViolationView Violation(ViolationState state, NodeRef? running) =>
        new(state.Violation.Id, state.Resource.ToString(), state.Rule, state.Severity, state.Account,
            state.Status.ToString(), state.ChangedAt, running?.Id, state.Annotation);

    public static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
