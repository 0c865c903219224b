namespace Governance.Core.Registry;

/// <summary>
/// Tag keys the service reads and writes on model packages: the owning team (set by ML teams), and the provenance
/// the central copy carries so it can be traced back to the team account's package.
/// </summary>
public static class ProvenanceTags
{
    public const string Team = "team";
    public const string SourceAccount = "governance:source-account";
    public const string SourcePackageArn = "governance:source-package-arn";
}
