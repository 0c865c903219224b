using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Lineage;

namespace Governance.Cli.Commands.Alerts;

/// <summary>The alert records as JSON for people too: camelCase like the API, and no escaping of characters JSON allows as they are.</summary>
[JsonSerializable(typeof(RecordView))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AlertJsonContext : JsonSerializerContext
{
    public static AlertJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
