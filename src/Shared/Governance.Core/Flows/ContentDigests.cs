using Governance.Core.Registry;

namespace Governance.Core.Flows;

/// <summary>
/// A metrics or baseline report may declare its content's digest (<c>ContentDigest</c>, <c>sha256:&lt;hex&gt;</c>).
/// The copy's SHA-256 must equal it: otherwise the report the package was judged and approved on is not the one
/// that would be governed, and the version is blocked with the reason.
/// </summary>
public static class ContentDigests
{
    /// <summary>The rule id of the block, alongside the policy's own rules.</summary>
    public const string RuleId = "contentDigest";

    private const string Sha256Prefix = "sha256:";

    /// <summary>Why the copy does not match the declared digest; null when nothing is declared or it matches.</summary>
    public static string? Mismatch(ArtifactReference artifact, ArtifactCopy copy)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(copy);
        if (string.IsNullOrWhiteSpace(artifact.ContentDigest))
        {
            return null;
        }

        var declared = artifact.ContentDigest.Trim();
        return declared.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase)
            && string.Equals(declared[Sha256Prefix.Length..], copy.Sha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"the {artifact.Description} at {artifact.Uri} declares ContentDigest {declared}, but its content has SHA-256 {copy.Sha256}";
    }
}
