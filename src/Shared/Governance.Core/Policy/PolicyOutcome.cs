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
