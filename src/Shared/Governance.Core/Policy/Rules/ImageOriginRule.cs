using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>
/// Every container image must come from an allowed origin: a registry host (<see cref="Registries"/>) or a
/// repository (<see cref="Repositories"/>), each matched against the policy's glob patterns.
/// </summary>
public sealed class ImageOriginRule : IPolicyRule
{
    private readonly IReadOnlyList<GlobPattern> _patterns;
    private readonly string _origin;
    private readonly string _origins;
    private readonly Func<ContainerImage, string> _originOf;

    private ImageOriginRule(string id, RuleMode mode, IEnumerable<string> patterns, string origin, string origins, Func<ContainerImage, string> originOf)
    {
        Id = id;
        Mode = mode;
        _patterns = [.. patterns.Select(pattern => new GlobPattern(pattern))];
        _origin = origin;
        _origins = origins;
        _originOf = originOf;
    }

    public string Id { get; }

    public RuleMode Mode { get; }

    public static ImageOriginRule Registries(ImageRegistriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(RuleIds.ImageRegistries, options.Mode, options.Registries, "registry", "registries", image => image.Registry);
    }

    public static ImageOriginRule Repositories(ImageRepositoriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(RuleIds.ImageRepositories, options.Mode, options.Repositories, "repository", "repositories", image => image.Repository);
    }

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        if (package.Images.Count == 0)
        {
            return new RuleResult(Id, Mode, true, ImageDigestRule.NoImages);
        }

        var findings = package.Images
            .Where(image => !GlobPattern.AnyMatch(_patterns, _originOf(image)))
            .Select(image => "image " + Wording.Quote(image.Uri) + " comes from " + _origin + " " + Wording.Quote(_originOf(image)) + ", which is not allowed")
            .ToList();
        if (findings.Count > 0)
        {
            findings.Add("allowed " + _origins + ": " + Wording.List(_patterns.Select(pattern => pattern.Text)));
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        return new RuleResult(Id, Mode, true,
            "Every image comes from an allowed " + _origin + " (" + Wording.List(package.Images.Select(_originOf).Distinct(StringComparer.Ordinal)) + ").");
    }
}
