using System.Globalization;
using System.Text.Json.Serialization;

namespace Governance.Core.Policy;

/// <summary>
/// What the policy decided about a model package: every enabled rule's result, in policy order, and the
/// digest of the policy document that decided (so a recorded decision names the exact policy text).
/// </summary>
public sealed record PolicyDecision(PolicyOutcome Outcome, IReadOnlyList<RuleResult> Results, string PolicyDigest)
{
    public static PolicyDecision From(IReadOnlyList<RuleResult> results, string policyDigest)
    {
        ArgumentNullException.ThrowIfNull(results);
        var outcome = results.Any(result => !result.Passed && result.Mode == RuleMode.Block) ? PolicyOutcome.Blocked
            : results.Any(result => !result.Passed) ? PolicyOutcome.AllowedWithWarnings
            : PolicyOutcome.Allowed;
        return new PolicyDecision(outcome, results, policyDigest);
    }

    [JsonIgnore]
    public bool IsBlocked => Outcome == PolicyOutcome.Blocked;

    /// <summary>
    /// This decision with one more failed blocking check (one the sync makes beyond the policy's rules, such as
    /// <c>contentDigest</c>), so a block for any reason is recorded and explained like the policy's own.
    /// </summary>
    public PolicyDecision BlockedBy(string ruleId, string explanation) =>
        From([.. Results, new RuleResult(ruleId, RuleMode.Block, false, explanation)], PolicyDigest);

    /// <summary>Failed rules in block mode: the reasons the package was stopped.</summary>
    [JsonIgnore]
    public IReadOnlyList<RuleResult> Violations => [.. Results.Where(result => !result.Passed && result.Mode == RuleMode.Block)];

    /// <summary>Failed rules in warn mode.</summary>
    [JsonIgnore]
    public IReadOnlyList<RuleResult> Warnings => [.. Results.Where(result => !result.Passed && result.Mode == RuleMode.Warn)];

    /// <summary>One sentence for people, e.g. "Blocked: 2 of 8 rules failed (requiredTags, imageDigest)."</summary>
    public string Summary => Outcome switch
    {
        PolicyOutcome.Blocked => string.Format(
            CultureInfo.InvariantCulture,
            "Blocked: {0} of {1} rules failed ({2}).",
            Violations.Count,
            Results.Count,
            string.Join(", ", Violations.Select(result => result.RuleId)))
            + (Warnings.Count > 0 ? " Warnings: " + string.Join(", ", Warnings.Select(result => result.RuleId)) + "." : string.Empty),
        PolicyOutcome.AllowedWithWarnings => string.Format(
            CultureInfo.InvariantCulture,
            "Allowed with warnings: {0} of {1} rules raised warnings ({2}).",
            Warnings.Count,
            Results.Count,
            string.Join(", ", Warnings.Select(result => result.RuleId))),
        _ => string.Format(CultureInfo.InvariantCulture, "Allowed: all {0} rules passed.", Results.Count),
    };
}
