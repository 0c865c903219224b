using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Core.Flows;

/// <summary>What a flow did with one event: why, and every effect ("central package arn:… created", "notified model.submitted").</summary>
/// <param name="Replayed">True when the event had been handled before and this is the recorded result.</param>
public sealed record FlowResult(string Reason, IReadOnlyList<string> Effects, bool Replayed = false)
{
    public string ToJson() => JsonSerializer.Serialize(this, FlowJsonContext.Default.FlowResult);

    /// <summary>The recorded result of an earlier handling, marked as replayed.</summary>
    public static FlowResult FromRecorded(string? json)
    {
        var recorded = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, FlowJsonContext.Default.FlowResult);
        return recorded is null
            ? new FlowResult("already handled", [], true)
            : recorded with { Reason = "already handled: " + recorded.Reason, Replayed = true };
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FlowResult))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;
