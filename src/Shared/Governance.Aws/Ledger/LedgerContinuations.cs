using System.Text.Json.Serialization;

namespace Governance.Aws.Ledger;

/// <summary>Where a single-index query stopped: DynamoDB's LastEvaluatedKey (all ledger keys are strings).</summary>
internal sealed record KeyContinuation(Dictionary<string, string> Key);

/// <summary>Where an activity query stopped: the day bucket and the key within it (null: start of that day).</summary>
internal sealed record ActivityContinuation(string Day, Dictionary<string, string>? Key);

/// <summary>A pending node of a lineage walk.</summary>
internal sealed record LineageFrontierNode(string Type, string Id, int Depth);

/// <summary>Where a lineage walk stopped: nodes still to expand (first one partly read up to Key) and nodes seen.</summary>
internal sealed record LineageContinuation(List<LineageFrontierNode> Frontier, List<string> Visited, Dictionary<string, string>? Key);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeyContinuation))]
[JsonSerializable(typeof(ActivityContinuation))]
[JsonSerializable(typeof(LineageContinuation))]
internal sealed partial class LedgerContinuationContext : JsonSerializerContext;
