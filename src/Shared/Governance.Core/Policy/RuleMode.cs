using System.Text.Json.Serialization;

namespace Governance.Core.Policy;

/// <summary>What a failed rule does: <see cref="Block"/> stops the model; <see cref="Warn"/> lets it through with a warning.</summary>
public enum RuleMode
{
    [JsonStringEnumMemberName("block")]
    Block,

    [JsonStringEnumMemberName("warn")]
    Warn,
}
