using System.Globalization;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Registry;

namespace Governance.Local.Ports;

/// <summary>The location index in memory: nodes filed by <see cref="NodeLocations"/>, found by bucket and key prefix in key order. Tokens are readable offsets.</summary>
public sealed class InMemoryLocationIndex : ILocationIndex
{
    private readonly List<(string Bucket, string Key, LocatedNode Node)> _entries = [];

    public void Add(LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var location in NodeLocations.Of(node))
        {
            _entries.Add((location.Bucket, location.Key, new LocatedNode(node.Node, location.Uri, node.Account)));
        }
    }

    public Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, PageRequest page, CancellationToken cancellationToken) =>
        Find(prefix, null, page);

    public Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, string account, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        return Find(prefix, account, page);
    }

    private Task<LedgerPage<LocatedNode>> Find(S3Location prefix, string? account, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(page);
        var matches = _entries
            .Where(entry => account is null || entry.Node.Account == account)
            .Where(entry => entry.Bucket == prefix.Bucket && entry.Key.StartsWith(prefix.Key, StringComparison.Ordinal))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => entry.Node)
            .ToList();
        var start = page.PageToken is null ? 0 : int.Parse(page.PageToken, CultureInfo.InvariantCulture);
        var items = matches.Skip(start).Take(page.Size).ToList();
        var next = start + items.Count < matches.Count ? (start + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new LedgerPage<LocatedNode>(items, next));
    }
}
