using System.Diagnostics.CodeAnalysis;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// A model version as people name it: <c>group/version</c> in the central registry, or a model package ARN, which
/// names the central registry only when its account and region are the central ones. Any other ARN names a team
/// package (its account and region kept), so a team's version number is never read as a central one.
/// </summary>
public sealed record VersionTarget(string Group, int Version, string? Account = null, string? Region = null)
{
    /// <summary>True when the target is a version of the central registry at <paramref name="location"/>.</summary>
    public bool IsCentral(LineageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return (Account is null || Account == location.CentralAccount) && (Region is null || Region == location.Region);
    }

    /// <summary>The package's ARN, the central registry's account and region filling what the target leaves out.</summary>
    public string Arn(LineageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return $"arn:aws:sagemaker:{Region ?? location.Region}:{Account ?? location.CentralAccount}:model-package/{Group}/{Version}";
    }

    /// <summary>Reads a model package ARN or <c>group/version</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VersionTarget? target)
    {
        target = null;
        if (text is null)
        {
            return false;
        }

        if (ResourceNames.TryParseModelPackageArn(text, out var group, out var version))
        {
            var parts = text.Split(':');
            target = new VersionTarget(group, version, parts[4], parts[3]);
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && ResourceNames.IsEntityName(text[..slash]) && ResourceNames.TryParseVersion(text[(slash + 1)..], out version))
        {
            target = new VersionTarget(text[..slash], version);
            return true;
        }

        return false;
    }
}

/// <summary>
/// The ledger subject answering for a <see cref="VersionTarget"/>: the governed version (for a team package, the
/// central copy it became), else the team package itself when it was never copied (blocked, or not synced yet).
/// </summary>
public sealed record ResolvedVersion(NodeRef Subject, LedgerNode Node, string? OwnerAccount)
{
    public bool IsTeamPackage => Subject.Type == NodeTypes.SourcePackage;
}
