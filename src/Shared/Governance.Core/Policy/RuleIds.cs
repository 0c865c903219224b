namespace Governance.Core.Policy;

/// <summary>The rule names a policy document may use under <c>rules</c>; each is also the id of its results.</summary>
public static class RuleIds
{
    public const string RequiredTags = "requiredTags";
    public const string RequiredCustomerMetadata = "requiredCustomerMetadata";
    public const string RequiredMetrics = "requiredMetrics";
    public const string ImageRegistries = "imageRegistries";
    public const string ImageRepositories = "imageRepositories";
    public const string ImageDigest = "imageDigest";
    public const string ArtifactBuckets = "artifactBuckets";
    public const string ArtifactOwnership = "artifactOwnership";
    public const string GroupNaming = "groupNaming";

    /// <summary>Every rule, in the order they are evaluated and reported.</summary>
    public static IReadOnlyList<string> All { get; } =
        [RequiredTags, RequiredCustomerMetadata, RequiredMetrics, ImageRegistries, ImageRepositories, ImageDigest, ArtifactBuckets, ArtifactOwnership, GroupNaming];
}
