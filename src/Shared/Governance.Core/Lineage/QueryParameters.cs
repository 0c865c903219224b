using System.Globalization;
using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>Reads and validates one request's query parameters; every failure names the parameter.</summary>
internal sealed class QueryParameters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    private readonly IReadOnlyDictionary<string, string> _values;

    /// <param name="values">The decoded query string.</param>
    /// <param name="paged">True when the route pages (then <c>limit</c> and <c>next</c> are accepted too).</param>
    /// <param name="allowed">The route's own parameters.</param>
    public QueryParameters(IReadOnlyDictionary<string, string> values, bool paged, params ReadOnlySpan<string> allowed)
    {
        _values = values;
        string[] accepted = paged ? [.. allowed, "limit", "next"] : [.. allowed];
        foreach (var name in values.Keys)
        {
            if (!accepted.Contains(name))
            {
                var expected = accepted.Length == 0 ? "no parameters" : string.Join(", ", accepted);
                throw new ApiBadRequestException($"unknown query parameter '{name}'; this route accepts {expected}", name);
            }
        }
    }

    public string? Text(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string? Next => Text("next") is { Length: > 0 } token ? token : null;

    public int Limit
    {
        get
        {
            var text = Text("limit");
            if (text is null)
            {
                return DefaultLimit;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
                ? limit
                : throw new ApiBadRequestException($"limit must be a whole number from 1 to {MaxLimit}, not '{text}'", "limit");
        }
    }

    public PageRequest Page(string? ledgerToken) => new(Limit, ledgerToken);

    public string? Account(string name = "account")
    {
        var text = Text(name);
        return text is null || AccountId.IsValid(text)
            ? text
            : throw new ApiBadRequestException($"{name} must be a 12-digit AWS account id, not '{text}'", name);
    }

    public string? Region(string name = "region")
    {
        var text = Text(name);
        return text is null || ResourceNames.IsRegion(text)
            ? text
            : throw new ApiBadRequestException($"{name} must be an AWS region name such as us-east-1, not '{text}'", name);
    }

    public string? PrincipalArn(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return Arn.TryParse(text, out _, out var problem)
            ? text
            : throw new ApiBadRequestException($"{name} must be an IAM principal ARN: {problem}", name);
    }

    public DateTimeOffset? Instant(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new ApiBadRequestException($"{name} must be a date (2025-01-31) or an instant with a zone (2025-01-31T12:00:00Z), not '{text}'", name);
    }
}
