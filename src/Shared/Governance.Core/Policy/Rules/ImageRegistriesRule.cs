using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>Every container image must come from an allowed registry host.</summary>
public sealed class ImageRegistriesRule(ImageRegistriesOptions options) : IPolicyRule
{
    private readonly IReadOnlyList<GlobPattern> patterns = [.. options.Registries.Select(pattern => new GlobPattern(pattern))];

    public string Id => RuleIds.ImageRegistries;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Images.Count == 0)
        {
            return new RuleResult(Id, Mode, true, ImageDigestRule.NoImages);
        }

        var findings = package.Images
            .Where(image => !GlobPattern.AnyMatch(patterns, image.Registry))
            .Select(image => "image " + Wording.Quote(image.Uri) + " comes from registry " + Wording.Quote(image.Registry) + ", which is not allowed")
            .ToList();
        if (findings.Count > 0)
        {
            findings.Add("allowed registries: " + Wording.List(patterns.Select(pattern => pattern.Text)));
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        return new RuleResult(Id, Mode, true,
            "Every image comes from an allowed registry (" + Wording.List(package.Images.Select(image => image.Registry).Distinct(StringComparer.Ordinal)) + ").");
    }
}
