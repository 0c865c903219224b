using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>The readable body for email subscribers.</summary>
internal static class EmailText
{
    public static string Render(NotificationBody body)
    {
        var text = new StringBuilder();
        text.Append(body.Summary).Append("\n\n");
        Line(text, "Event", body.EventType);
        Line(text, "Severity", body.Severity);
        Line(text, "Team", body.Team);
        Line(text, "Model", body.ModelPackageVersion is { } version
            ? body.ModelPackageGroup + " v" + version.ToString(CultureInfo.InvariantCulture)
            : body.ModelPackageGroup);
        if (body.ModelPackageArn is not null)
        {
            Line(text, "Model package", body.ModelPackageArn);
        }

        Line(text, "Source account", body.SourceAccount);
        Line(text, "Occurred at", body.OccurredAt);
        if (body.Details.ValueKind == JsonValueKind.Object && body.Details.EnumerateObject().Any())
        {
            text.Append("\nDetails:\n");
            RenderObject(text, body.Details, 1);
        }

        if (body.DetailsTruncated)
        {
            text.Append("\nSome details were too large for this message (")
                .Append(string.Join(", ", body.OmittedDetails ?? []))
                .Append("); the full record is at ").Append(body.Links.FullDetails).Append('\n');
        }

        text.Append("\nLineage: ").Append(body.Links.Lineage).Append('\n');
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label).Append(':').Append(' ', Math.Max(1, 16 - label.Length)).Append(value).Append('\n');

    private static void RenderObject(StringBuilder text, JsonElement value, int depth)
    {
        foreach (var property in value.EnumerateObject())
        {
            Indent(text, depth).Append(Words(property.Name)).Append(':');
            RenderValue(text, property.Value, depth);
        }
    }

    private static void RenderValue(StringBuilder text, JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('\n');
                RenderObject(text, value, depth + 1);
                break;
            case JsonValueKind.Array:
                text.Append('\n');
                foreach (var item in value.EnumerateArray())
                {
                    Indent(text, depth + 1).Append("- ").Append(Inline(item)).Append('\n');
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.Object => string.Join("; ", item.EnumerateObject().Select(property => Words(property.Name) + ": " + Inline(property.Value))),
        JsonValueKind.Array => string.Join(", ", item.EnumerateArray().Select(Inline)),
        _ => Scalar(item),
    };

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null => "(none)",
        _ => value.GetRawText(),
    };

    private static StringBuilder Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);

    /// <summary>"centralPackageArn" becomes "central package arn".</summary>
    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var character in name)
        {
            if (char.IsUpper(character) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(character));
        }

        return words.ToString();
    }
}
