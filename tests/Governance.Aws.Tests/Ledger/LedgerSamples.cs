using Governance.Core.Ledger;

namespace Governance.Aws.Tests.Ledger;

internal static class LedgerSamples
{
    public static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static NodeRef Node(string type, string id) => new(type, id);

    public static LedgerEventDraft Draft(
        NodeRef subject, string eventId, DateTimeOffset? occurredAt = null, string? account = null, string? group = null) =>
        new(subject, eventId, "audit.test", occurredAt ?? Noon, "arn:aws:iam::111122223333:role/tester", account, group,
            new Dictionary<string, string> { ["detail"] = $"{{\"id\":\"{eventId}\"}}" });

    public static LedgerEdge Edge(NodeRef from, string relation, NodeRef to) => new(from, relation, to, Noon, null);
}
