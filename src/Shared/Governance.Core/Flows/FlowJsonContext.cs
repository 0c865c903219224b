using System.Text.Json.Serialization;

namespace Governance.Core.Flows;

/// <summary>The central copy of a team package: its ARN, and whether the registry already had it (found by source ARN).</summary>
public sealed record CentralCopy(string Arn, bool Existed);

/// <summary>Source-generated JSON for the typed results the flows' effects record.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ArtifactCopy))]
[JsonSerializable(typeof(List<ArtifactCopy>))]
[JsonSerializable(typeof(PipelineLaunch))]
[JsonSerializable(typeof(CentralCopy))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;
