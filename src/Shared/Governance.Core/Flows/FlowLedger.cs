using Governance.Core.Ledger;

namespace Governance.Core.Flows;

/// <summary>The ledger writes the flows make, each keyed by the event (and step) so a redelivery records nothing twice.</summary>
internal sealed class FlowLedger(ILedgerWriter writer, TimeProvider time)
{
    public Task NodeAsync(NodeRef node, string? account, string? group, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        writer.RecordNodeAsync(new LedgerNode(node, account, group, attributes, time.GetUtcNow()), cancellationToken);

    public Task EdgeAsync(NodeRef from, string relation, NodeRef to, string eventId, CancellationToken cancellationToken) =>
        writer.RecordEdgeAsync(new LedgerEdge(from, relation, to, time.GetUtcNow(), eventId), cancellationToken);

    public Task<LedgerRecord> AppendAsync(
        NodeRef subject,
        string eventId,
        string step,
        string kind,
        FlowEvent source,
        string? account,
        string? group,
        IReadOnlyDictionary<string, string> attributes,
        CancellationToken cancellationToken) =>
        writer.AppendAsync(
            new LedgerEventDraft(subject, FlowKeys.StepEventId(eventId, step), kind, source.OccurredAt, source.Approver, account, group, attributes),
            cancellationToken);
}
