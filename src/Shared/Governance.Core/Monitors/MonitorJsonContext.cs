using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Core.Monitors;

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;
