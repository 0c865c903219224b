using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>Reads every page of a ledger query, up to a bound that keeps one answer's cost predictable.</summary>
internal static class LedgerPaging
{
    public const int PageSize = 500;

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        Func<PageRequest, Task<LedgerPage<T>>> query, int maxItems)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var page = await query(new PageRequest(PageSize, token));
            items.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null && items.Count < maxItems);

        return items.Count > maxItems ? items.GetRange(0, maxItems) : items;
    }
}
