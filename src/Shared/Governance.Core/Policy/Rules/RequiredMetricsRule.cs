using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>ModelMetrics sections that must carry at least one report.</summary>
public sealed class RequiredMetricsRule(RequiredMetricsOptions options) : IPolicyRule
{
    private readonly IReadOnlyList<MetricSection> required =
        [.. options.Sections.Select(section => Enum.Parse<MetricSection>(section, ignoreCase: false))];

    public string Id => RuleIds.RequiredMetrics;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        var requiredWords = Wording.List(required.Select(Words));
        var missing = required.Where(section => !package.MetricSections.Contains(section)).ToList();
        if (missing.Count == 0)
        {
            return new RuleResult(Id, Mode, true, "Required metrics are present: " + requiredWords + ".");
        }

        var present = package.MetricSections.Count == 0
            ? "the package has no model metrics at all"
            : "it has " + Wording.List(package.MetricSections.Select(Words));
        var explanation = "The package has no " + string.Join(" or ", missing.Select(Words))
            + (missing.Count == 1 ? " report" : " reports")
            + " (" + Wording.List(missing.Select(section => "ModelMetrics." + section)) + "); "
            + "the policy requires metrics: " + requiredWords + "; " + present + ".";
        return new RuleResult(Id, Mode, false, explanation);
    }

    public static string Words(MetricSection section) => section switch
    {
        MetricSection.ModelQuality => "model quality",
        MetricSection.ModelDataQuality => "model data quality",
        MetricSection.Bias => "bias",
        MetricSection.Explainability => "explainability",
        _ => section.ToString(),
    };
}
