namespace Governance.Core.Policy.Rules;

/// <summary>
/// Every S3 artifact (model data, metrics reports, baselines) and every container image must live in the package's
/// own account, unless the policy allows its bucket or registry by name. A bucket's owner is the one found in S3
/// before judging (<see cref="PolicySubject.BucketOwners"/>); an image's is the account in its ECR registry host; a
/// registry that is not ECR belongs to no account of the organisation and passes only when allowed by name.
/// </summary>
public sealed class ArtifactOwnershipRule(ArtifactOwnershipOptions options) : IPolicyRule
{
    private readonly IReadOnlyList<GlobPattern> buckets = [.. (options.AllowedBuckets ?? []).Select(pattern => new GlobPattern(pattern))];
    private readonly IReadOnlyList<GlobPattern> registries = [.. (options.AllowedRegistries ?? []).Select(pattern => new GlobPattern(pattern))];

    public string Id => RuleIds.ArtifactOwnership;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        var account = package.Account;
        var findings = new List<string>();
        foreach (var artifact in package.Artifacts)
        {
            if (artifact.Location is not { } location)
            {
                findings.Add(artifact.Description + " " + Wording.Quote(artifact.Uri) + " is not an S3 location, so the account that owns it cannot be checked");
                continue;
            }

            var owner = subject.BucketOwners.GetValueOrDefault(location.Bucket);
            if (owner != account && !GlobPattern.AnyMatch(buckets, location.Bucket))
            {
                findings.Add(artifact.Description + " " + Wording.Quote(artifact.Uri) + " is in bucket " + Wording.Quote(location.Bucket) + ", owned by "
                    + (owner is null ? "an account other than the package's (" + account + ")" : "account " + owner + ", not the package's account " + account));
            }
        }

        foreach (var image in package.Images)
        {
            if (image.EcrAccount != account && !GlobPattern.AnyMatch(registries, image.Registry))
            {
                findings.Add("image " + Wording.Quote(image.Uri) + " is in registry " + Wording.Quote(image.Registry) + ", "
                    + (image.EcrAccount is { } owner ? "owned by account " + owner + ", not the package's account " + account : "which is outside the package's account " + account));
            }
        }

        if (findings.Count > 0)
        {
            findings.Add("allow a bucket or registry outside the account by naming it under allowedBuckets or allowedRegistries");
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        return new RuleResult(Id, Mode, true,
            "Every artifact and image is in the package's account " + account + " or in an allowed bucket or registry.");
    }
}
