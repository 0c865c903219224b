using Governance.Core.Registry;

namespace Governance.Core.Flows;

/// <summary>
/// One central group per team group. The central group keeps the team group's name (the name risk managers query
/// by), and the <c>governance:source-account</c> tag it is created with says which team account it belongs to. A
/// package from another account whose group has the same name is blocked with the reason instead of being merged
/// into a group that holds another team's models; a group without the tag (created before the tag was checked, or
/// by hand) is not adopted silently either: an administrator tags it to confirm whose it is.
/// </summary>
public static class CentralGroups
{
    /// <summary>The rule id of the block, alongside the policy's own rules.</summary>
    public const string RuleId = "centralGroupOwnership";

    /// <summary>Why <paramref name="package"/> may not join the central group its name designates; null when it may.</summary>
    public static string? Conflict(ModelPackage package, CentralGroupOwner owner)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(owner);
        if (!owner.Exists || string.Equals(owner.Account, package.Account, StringComparison.Ordinal))
        {
            return null;
        }

        return owner.Account is null
            ? $"the central group '{package.GroupName}' exists without a {ProvenanceTags.SourceAccount} tag, so whose models it holds is unconfirmed: "
                + $"if it is account {package.Account}'s, tag it {ProvenanceTags.SourceAccount}={package.Account} and approve the version again"
            : $"the central group '{package.GroupName}' holds the models of team account {owner.Account}; a group of account {package.Account} "
                + "with the same name is never merged into it: rename this account's model package group (for example with a team prefix) and register the version there";
    }
}
