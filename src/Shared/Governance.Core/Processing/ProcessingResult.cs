using System.Text.Json.Serialization;
using Governance.Core.Effects;

namespace Governance.Core.Processing;

/// <summary>What became of one event. Serialised in lower case: processed, ignored, rejected, failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessingOutcome>))]
public enum ProcessingOutcome
{
    [JsonStringEnumMemberName("processed")]
    Processed,

    [JsonStringEnumMemberName("ignored")]
    Ignored,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// The outcome record every handler returns and logs; serialised with <see cref="ProcessingJsonContext"/> as
/// <c>{"eventId","source","detailType","handler","outcome","reason","effects","alreadyDone"}</c>, each effect an
/// object with a <c>type</c> (see <see cref="Effect"/>).
/// </summary>
/// <param name="Effects">What this delivery did (records written, artifacts copied, notifications sent); empty when nothing.</param>
public sealed record ProcessingResult(
    string? EventId,
    string? Source,
    string? DetailType,
    string? Handler,
    ProcessingOutcome Outcome,
    string? Reason,
    IReadOnlyList<Effect> Effects)
{
    /// <summary>What this delivery found done by an earlier delivery of the same event.</summary>
    public IReadOnlyList<Effect> AlreadyDone { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProcessingResult))]
public sealed partial class ProcessingJsonContext : JsonSerializerContext;
