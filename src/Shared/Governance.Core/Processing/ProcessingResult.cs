using System.Text.Json.Serialization;

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
/// <c>{"eventId","source","detailType","handler","outcome","reason","effects"}</c>.
/// </summary>
/// <param name="Effects">What the handler changed (records written, notifications sent); empty when nothing.</param>
public sealed record ProcessingResult(
    string? EventId,
    string? Source,
    string? DetailType,
    string? Handler,
    ProcessingOutcome Outcome,
    string? Reason,
    IReadOnlyList<string> Effects);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProcessingResult))]
public sealed partial class ProcessingJsonContext : JsonSerializerContext;
