using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>Every S3 artifact the package references must live in an allowed bucket.</summary>
public sealed class ArtifactBucketsRule(ArtifactBucketsOptions options) : IPolicyRule
{
    private readonly IReadOnlyList<GlobPattern> patterns = [.. options.Buckets.Select(pattern => new GlobPattern(pattern))];

    public string Id => RuleIds.ArtifactBuckets;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        if (package.Artifacts.Count == 0)
        {
            return new RuleResult(Id, Mode, true, "The package references no S3 artifacts, so there is nothing to check.");
        }

        var findings = new List<string>();
        foreach (var artifact in package.Artifacts)
        {
            if (artifact.Location is null)
            {
                findings.Add(artifact.Description + " " + Wording.Quote(artifact.Uri) + " is not an S3 location, so its bucket cannot be checked");
            }
            else if (!GlobPattern.AnyMatch(patterns, artifact.Location.Bucket))
            {
                findings.Add(artifact.Description + " " + Wording.Quote(artifact.Uri) + " is in bucket "
                    + Wording.Quote(artifact.Location.Bucket) + ", which is not allowed");
            }
        }

        if (findings.Count > 0)
        {
            findings.Add("allowed buckets: " + Wording.List(patterns.Select(pattern => pattern.Text)));
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        var buckets = package.Artifacts.Select(artifact => artifact.Location!.Bucket).Distinct(StringComparer.Ordinal);
        return new RuleResult(Id, Mode, true,
            "Every referenced artifact (" + Wording.Count(package.Artifacts.Count, "artifact", "artifacts") + ") is in an allowed bucket ("
            + Wording.List(buckets) + ").");
    }
}
