namespace Governance.Core.Ledger;

/// <summary>
/// One page of a query. <see cref="NextPageToken"/> is null on the last page; otherwise pass it back with the
/// same query to get the next page. Tokens are opaque and bound to their query: a token altered, made up or
/// given to another query is refused with <see cref="InvalidPageTokenException"/>.
/// </summary>
public sealed record LedgerPage<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>Page size and continuation of a query.</summary>
public sealed record PageRequest(int PageSize = PageRequest.DefaultPageSize, string? PageToken = null)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public int Size => PageSize is < 1 or > MaxPageSize
        ? throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"page size must be 1-{MaxPageSize}")
        : PageSize;
}

/// <summary>A page token was not issued by this ledger for this query.</summary>
public sealed class InvalidPageTokenException : Exception
{
    public InvalidPageTokenException()
        : base("the page token is not valid for this query")
    {
    }

    public InvalidPageTokenException(string message)
        : base(message)
    {
    }

    public InvalidPageTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public enum LineageDirection
{
    /// <summary>Towards what a node was made from (datasets, images, source packages).</summary>
    Upstream,

    /// <summary>Towards what was made from or runs a node (central packages, pipelines, endpoints, violations).</summary>
    Downstream,
}

/// <summary>Walk the lineage graph from <paramref name="Start"/> in one direction, up to <paramref name="MaxDepth"/> hops.</summary>
public sealed record LineageQuery(NodeRef Start, LineageDirection Direction, int MaxDepth)
{
    public const int DepthLimit = 10;

    public int Depth => MaxDepth is < 1 or > DepthLimit
        ? throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, $"depth must be 1-{DepthLimit}")
        : MaxDepth;
}
