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

    private static List<IPolicyRule> Build(PolicyRules rules)
    {
        var built = new List<IPolicyRule>();
        if (rules.RequiredTags is { } tags)
        {
            built.Add(RequiredKeysRule.ForTags(tags));
        }

        if (rules.RequiredCustomerMetadata is { } metadata)
        {
            built.Add(RequiredKeysRule.ForCustomerMetadata(metadata));
        }

        if (rules.RequiredMetrics is { } metrics)
        {
            built.Add(new RequiredMetricsRule(metrics));
        }

        if (rules.ImageRegistries is { } registries)
        {
            built.Add(ImageOriginRule.Registries(registries));
        }

        if (rules.ImageRepositories is { } repositories)
        {
            built.Add(ImageOriginRule.Repositories(repositories));
        }

        if (rules.ImageDigest is { } imageDigest)
        {
            built.Add(new ImageDigestRule(imageDigest));
        }

        if (rules.ArtifactBuckets is { } buckets)
        {
            built.Add(new ArtifactBucketsRule(buckets));
        }

        if (rules.ArtifactOwnership is { } ownership)
        {
            built.Add(new ArtifactOwnershipRule(ownership));
        }

        if (rules.GroupNaming is { } naming)
        {
            built.Add(new GroupNamingRule(naming));
        }

        return built;
    }
}
