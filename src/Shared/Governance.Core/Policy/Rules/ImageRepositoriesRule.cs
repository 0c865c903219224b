using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>Every container image must come from an allowed repository.</summary>
public sealed class ImageRepositoriesRule(ImageRepositoriesOptions options) : IPolicyRule
{
    private readonly IReadOnlyList<GlobPattern> patterns = [.. options.Repositories.Select(pattern => new GlobPattern(pattern))];

    public string Id => RuleIds.ImageRepositories;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Images.Count == 0)
        {
            return new RuleResult(Id, Mode, true, ImageDigestRule.NoImages);
        }

        var findings = package.Images
            .Where(image => !GlobPattern.AnyMatch(patterns, image.Repository))
            .Select(image => "image " + Wording.Quote(image.Uri) + " comes from repository " + Wording.Quote(image.Repository) + ", which is not allowed")
            .ToList();
        if (findings.Count > 0)
        {
            findings.Add("allowed repositories: " + Wording.List(patterns.Select(pattern => pattern.Text)));
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        return new RuleResult(Id, Mode, true,
            "Every image comes from an allowed repository (" + Wording.List(package.Images.Select(image => image.Repository).Distinct(StringComparer.Ordinal)) + ").");
    }
}
