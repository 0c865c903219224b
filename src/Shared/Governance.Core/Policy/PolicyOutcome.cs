using System.Text.Json.Serialization;

namespace Governance.Core.Policy;

public enum PolicyOutcome
{
    /// <summary>Every rule passed.</summary>
    [JsonStringEnumMemberName("allowed")]
    Allowed,

    /// <summary>Only rules in <see cref="RuleMode.Warn"/> mode failed.</summary>
    [JsonStringEnumMemberName("allowedWithWarnings")]
    AllowedWithWarnings,

    /// <summary>At least one rule in <see cref="RuleMode.Block"/> mode failed.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,
}

public static class PolicyOutcomes
{
    /// <summary>The outcome as decisions serialise it: allowed, allowedWithWarnings, blocked.</summary>
    public static string WireName(this PolicyOutcome outcome) => outcome switch
    {
        PolicyOutcome.Allowed => "allowed",
        PolicyOutcome.AllowedWithWarnings => "allowedWithWarnings",
        PolicyOutcome.Blocked => "blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown policy outcome."),
    };
}
