using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>Every container image must be pinned by a sha256 digest, so the image deployed is the image reviewed.</summary>
public sealed class ImageDigestRule(RuleOptions options) : IPolicyRule
{
    internal const string NoImages = "The package references no container images, so there is nothing to check.";

    public string Id => RuleIds.ImageDigest;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        if (package.Images.Count == 0)
        {
            return new RuleResult(Id, Mode, true, NoImages);
        }

        var findings = package.Images
            .Where(image => image.Digest is null)
            .Select(image => "image " + Wording.Quote(image.Uri) + " is not pinned by digest (no ImageDigest and no @sha256: in its URI)")
            .ToList();
        if (findings.Count > 0)
        {
            findings.Add("every image must be pinned by digest so that the image deployed is exactly the one reviewed");
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        return new RuleResult(Id, Mode, true,
            "Every image is pinned by digest (" + Wording.Count(package.Images.Count, "image", "images") + ").");
    }
}
