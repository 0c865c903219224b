using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Core.Notifications;

/// <summary>Builds a notification's <c>details</c> object, leaving out members whose value is unknown.</summary>
internal sealed class DetailsBuilder
{
    private readonly JsonObject details = [];

    public DetailsBuilder Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[name] = value;
        }

        return this;
    }

    public DetailsBuilder Add(string name, int? value)
    {
        if (value is { } number)
        {
            details[name] = number;
        }

        return this;
    }

    public DetailsBuilder Add(string name, JsonArray items)
    {
        if (items.Count > 0)
        {
            details[name] = items;
        }

        return this;
    }

    public JsonElement Build()
    {
        using var document = JsonDocument.Parse(details.ToJsonString());
        return document.RootElement.Clone();
    }
}
