using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>
/// Source-generated JSON for notification bodies. <see cref="Compact"/> leaves non-ASCII text and characters such
/// as '+' and '&lt;' unescaped: bodies are never embedded in HTML, and escapes would only spend the size budget.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NotificationBody))]
[JsonSerializable(typeof(SnsMessageStructure))]
public sealed partial class NotificationJsonContext : JsonSerializerContext
{
    public static NotificationJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
