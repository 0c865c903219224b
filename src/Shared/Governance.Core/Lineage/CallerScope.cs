using System.Collections.Frozen;

namespace Governance.Core.Lineage;

/// <summary>
/// The accounts whose records a caller may read: every account (risk managers) or the accounts of the
/// caller's teams. <see cref="Fingerprint"/> names the scope so that page tokens can be bound to it.
/// </summary>
public sealed class CallerScope
{
    private readonly FrozenSet<string>? _accounts;

    private CallerScope(string principal, FrozenSet<string>? accounts, IReadOnlyList<string> teams)
    {
        Principal = principal;
        _accounts = accounts;
        Teams = teams;
        Fingerprint = accounts is null ? "all" : "accounts:" + string.Join(',', accounts.Order(StringComparer.Ordinal));
    }

    public string Principal { get; }

    public IReadOnlyList<string> Teams { get; }

    public bool SeesEverything => _accounts is null;

    public string Fingerprint { get; }

    /// <summary>The caller's accounts in a fixed order; empty for a caller who sees everything.</summary>
    public IReadOnlyList<string> AccountList => _accounts is null ? [] : [.. _accounts.Order(StringComparer.Ordinal)];

    public static CallerScope Everything(string principal) => new(principal, null, []);

    public static CallerScope Accounts(string principal, IEnumerable<string> accounts, IReadOnlyList<string> teams) =>
        new(principal, accounts.ToFrozenSet(StringComparer.Ordinal), teams);

    /// <summary>True when the caller may see records of <paramref name="account"/>; records of no known account are for risk managers only.</summary>
    public bool Allows(string? account) => _accounts is null || (account is not null && _accounts.Contains(account));
}
