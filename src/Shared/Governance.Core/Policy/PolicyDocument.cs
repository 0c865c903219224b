namespace Governance.Core.Policy;

/// <summary>The governance policy document (<c>config/policy.json</c>). See docs/policy.md.</summary>
/// <param name="CentralTags">The team tags the central copy of a package carries (routes match on them).</param>
public sealed record PolicyDocument(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(WholeNumberConverter))] int Version,
    string? Description,
    PolicyRules Rules,
    IReadOnlyList<string>? CentralTags = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>The enabled rules; an omitted rule is disabled.</summary>
public sealed record PolicyRules(
    RequiredKeysOptions? RequiredTags,
    RequiredKeysOptions? RequiredCustomerMetadata,
    RequiredMetricsOptions? RequiredMetrics,
    ImageRegistriesOptions? ImageRegistries,
    ImageRepositoriesOptions? ImageRepositories,
    RuleOptions? ImageDigest,
    ArtifactBucketsOptions? ArtifactBuckets,
    ArtifactOwnershipOptions? ArtifactOwnership,
    GroupNamingOptions? GroupNaming);

/// <summary>A rule with no options but its mode.</summary>
public sealed record RuleOptions(RuleMode Mode);

/// <summary>
/// Keys that must be present with a non-empty value. <see cref="AllowedValues"/> limits the values of listed keys;
/// a key named there but not in <see cref="Keys"/> is optional, but when present its value must be allowed.
/// </summary>
public sealed record RequiredKeysOptions(
    RuleMode Mode,
    IReadOnlyList<string> Keys,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? AllowedValues);

/// <summary>ModelMetrics sections that must carry at least one report: ModelQuality, ModelDataQuality, Bias, Explainability.</summary>
public sealed record RequiredMetricsOptions(RuleMode Mode, IReadOnlyList<string> Sections);

/// <summary>Registry host patterns every image must come from; <c>*</c> matches any run of characters.</summary>
public sealed record ImageRegistriesOptions(RuleMode Mode, IReadOnlyList<string> Registries);

/// <summary>Repository patterns every image must come from; <c>*</c> matches any run of characters, including <c>/</c>.</summary>
public sealed record ImageRepositoriesOptions(RuleMode Mode, IReadOnlyList<string> Repositories);

/// <summary>Bucket patterns every referenced S3 artifact must live in; <c>*</c> matches any run of characters.</summary>
public sealed record ArtifactBucketsOptions(RuleMode Mode, IReadOnlyList<string> Buckets);

/// <summary>
/// Artifacts, metrics reports and images must live in the package's own account; <see cref="AllowedBuckets"/> and
/// <see cref="AllowedRegistries"/> name the exceptions (bucket and registry host patterns, <c>*</c> matching any run
/// of characters), e.g. AWS's SageMaker image registries.
/// </summary>
public sealed record ArtifactOwnershipOptions(RuleMode Mode, IReadOnlyList<string>? AllowedBuckets, IReadOnlyList<string>? AllowedRegistries);

/// <summary>A .NET regular expression the model package group name must match, and its meaning in words.</summary>
public sealed record GroupNamingOptions(RuleMode Mode, string Pattern, string? Description);
