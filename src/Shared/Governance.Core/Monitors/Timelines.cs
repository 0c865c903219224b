using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>Reads a subject's whole chain (the monitors' subjects hold tens of records, not thousands).</summary>
internal static class Timelines
{
    public static async Task<IReadOnlyList<LedgerRecord>> ReadAllAsync(ILedgerReader reader, NodeRef subject, CancellationToken cancellationToken)
    {
        var records = new List<LedgerRecord>();
        string? token = null;
        do
        {
            var page = await reader.GetTimelineAsync(subject, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            records.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return records;
    }

    public static async Task<IReadOnlyList<LedgerEdge>> NeighboursAsync(
        ILedgerReader reader, NodeRef node, LineageDirection direction, string? nodeType, CancellationToken cancellationToken)
    {
        var edges = new List<LedgerEdge>();
        string? token = null;
        do
        {
            var page = await reader.GetNeighboursAsync(node, direction, nodeType, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken)
                .ConfigureAwait(false);
            edges.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return edges;
    }

    public static async Task<IReadOnlyList<LineageStep>> LineageAsync(ILedgerReader reader, LineageQuery query, CancellationToken cancellationToken)
    {
        var steps = new List<LineageStep>();
        string? token = null;
        do
        {
            var page = await reader.GetLineageAsync(query, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            steps.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return steps;
    }
}
