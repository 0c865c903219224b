using Governance.Core.Policy.Rules;
using Governance.Core.Registry;

namespace Governance.Core.Policy;

/// <summary>Judges model packages against a loaded policy. Build once per policy; evaluation is pure and thread-safe.</summary>
public sealed class PolicyEvaluator
{
    private readonly string digest;

    public PolicyEvaluator(GovernancePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        digest = policy.Digest;
        Rules = Build(policy.Document.Rules);
        CentralTags = policy.Document.CentralTags ?? [];
    }

    /// <summary>The team tags the central copy of a package carries (the policy's <c>centralTags</c> allow-list).</summary>
    public IReadOnlyList<string> CentralTags { get; }

    /// <summary>The package's tags whose keys <see cref="CentralTags"/> allows.</summary>
    public IReadOnlyDictionary<string, string> GovernanceTags(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return CentralTags
            .Where(key => package.Tags.TryGetValue(key, out var value) && value.Length > 0)
            .ToDictionary(key => key, key => package.Tags[key], StringComparer.Ordinal);
    }

    /// <summary>The enabled rules, in evaluation order.</summary>
    public IReadOnlyList<IPolicyRule> Rules { get; }

    /// <param name="package">The package to judge.</param>
    /// <param name="bucketOwners">The account owning each bucket the package's artifacts live in (see <see cref="PolicySubject"/>).</param>
    public PolicyDecision Evaluate(ModelPackage package, IReadOnlyDictionary<string, string> bucketOwners)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(bucketOwners);
        var subject = new PolicySubject(package, bucketOwners);
        return PolicyDecision.From([.. Rules.Select(rule => rule.Evaluate(subject))], digest);
    }

    /// <summary>The enabled rules, in a fixed order; a rule left out of the policy document is disabled.</summary>
    private static List<IPolicyRule> Build(PolicyRules rules) =>
    [
        .. new IPolicyRule?[]
        {
            rules.RequiredTags is { } tags ? RequiredKeysRule.ForTags(tags) : null,
            rules.RequiredCustomerMetadata is { } metadata ? RequiredKeysRule.ForCustomerMetadata(metadata) : null,
            rules.RequiredMetrics is { } metrics ? new RequiredMetricsRule(metrics) : null,
            rules.ImageRegistries is { } registries ? ImageOriginRule.Registries(registries) : null,
            rules.ImageRepositories is { } repositories ? ImageOriginRule.Repositories(repositories) : null,
            rules.ImageDigest is { } imageDigest ? new ImageDigestRule(imageDigest) : null,
            rules.ArtifactBuckets is { } buckets ? new ArtifactBucketsRule(buckets) : null,
            rules.ArtifactOwnership is { } ownership ? new ArtifactOwnershipRule(ownership) : null,
            rules.GroupNaming is { } naming ? new GroupNamingRule(naming) : null,
        }.OfType<IPolicyRule>(),
    ];
}
