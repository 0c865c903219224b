using System.Globalization;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// One page over several accounts' own partitions, read one account after the other in a fixed order: what a
/// scoped caller gets depends on its accounts' items only, never on how many items other accounts hold. The
/// continuation is the account's position and that account's ledger token (sealed to the query and scope by the API).
/// </summary>
internal static class AccountPages
{
    private const char Separator = '~';

    public static async Task<LedgerPage<T>> AcrossAsync<T>(
        IReadOnlyList<string> accounts, PageRequest page, Func<string, PageRequest, Task<LedgerPage<T>>> read)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(read);
        var (index, inner) = Parse(page.PageToken, accounts.Count);
        var items = new List<T>();
        while (index < accounts.Count && items.Count < page.Size)
        {
            var result = await read(accounts[index], new PageRequest(page.Size - items.Count, inner)).ConfigureAwait(false);
            items.AddRange(result.Items);
            inner = result.NextPageToken;
            if (inner is null)
            {
                index++;
            }
        }

        return new LedgerPage<T>(items, index < accounts.Count ? index.ToString(CultureInfo.InvariantCulture) + Separator + inner : null);
    }

    private static (int Index, string? Inner) Parse(string? token, int accounts)
    {
        if (token is null)
        {
            return (0, null);
        }

        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (separator > 0 && int.TryParse(token.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < accounts)
        {
            var inner = token[(separator + 1)..];
            return (index, inner.Length == 0 ? null : inner);
        }

        throw new FormatException("the page token does not continue this query");
    }
}
