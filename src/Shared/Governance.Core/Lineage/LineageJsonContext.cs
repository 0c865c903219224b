using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Core.Lineage;

[JsonSerializable(typeof(ModelVersionsResponse))]
[JsonSerializable(typeof(VersionLineageResponse))]
[JsonSerializable(typeof(TimelineResponse))]
[JsonSerializable(typeof(EndpointResponse))]
[JsonSerializable(typeof(ArtifactUsageResponse))]
[JsonSerializable(typeof(ViolationsResponse))]
[JsonSerializable(typeof(AuditResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
public sealed partial class LineageJsonContext : JsonSerializerContext;
