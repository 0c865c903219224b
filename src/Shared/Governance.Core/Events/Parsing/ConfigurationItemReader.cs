using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Reads a Config Configuration Item Change detail. The changed property paths come from
/// <c>configurationItemDiff.changedProperties</c>, whose values are objects or bare strings and are not kept.
/// </summary>
internal static class ConfigurationItemReader
{
    private const int MaxTags = 50;

    public static ConfigurationItemChange Read(FieldReader detail)
    {
        var item = detail.OptionalObject("configurationItem") ?? detail.RequiredObject("configurationItemSummary");
        var diff = detail.OptionalObject("configurationItemDiff");
        return new ConfigurationItemChange(
            item.RequiredString("resourceType"),
            item.RequiredString("resourceId"),
            item.OptionalString("resourceName"),
            item.OptionalString("ARN") ?? item.OptionalString("arn"),
            item.OptionalString("awsAccountId"),
            item.OptionalString("awsRegion"),
            item.OptionalTime("configurationItemCaptureTime"),
            item.OptionalString("configurationItemStatus"),
            diff?.OptionalString("changeType"),
            ChangedProperties(diff),
            RelatedEvents(item),
            Tags(item));
    }

    private static List<string> ChangedProperties(FieldReader? diff) =>
        diff?.OptionalElement("changedProperties") is { ValueKind: JsonValueKind.Object } changed
            ? [.. changed.EnumerateObject().Select(property => property.Name).Take(ConfigurationItemChange.MaxChangedProperties)]
            : [];

    private static List<string> RelatedEvents(FieldReader item) =>
        item.OptionalElement("relatedEvents") is { ValueKind: JsonValueKind.Array } related
            ? [.. related.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!).Take(ConfigurationItemChange.MaxChangedProperties)]
            : [];

    private static Dictionary<string, string> Tags(FieldReader item) =>
        item.OptionalElement("tags") is { ValueKind: JsonValueKind.Object } tags
            ? tags.EnumerateObject().Where(tag => tag.Value.ValueKind == JsonValueKind.String).Take(MaxTags)
                .ToDictionary(tag => tag.Name, tag => tag.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
