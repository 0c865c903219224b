using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// A notification as the e-mail a person subscribed to the topic receives: who sent it (the topic), the subject,
/// the date, and the message in words (its summary, then its details one per line) instead of the JSON.
/// </summary>
public static class SubscriberView
{
    public static string Describe(string sqsBody)
    {
        using var envelope = JsonDocument.Parse(sqsBody);
        var root = envelope.RootElement;
        var text = new StringBuilder();
        var topic = Text(root, "TopicArn");
        text.Append("  ✉ From:    ").AppendLine(topic is null ? "(unknown topic)" : $"{topic[(topic.LastIndexOf(':') + 1)..]} <{topic}>");
        text.Append("    Subject: ").AppendLine(Text(root, "Subject") ?? "(no subject)");
        if (Text(root, "Timestamp") is { } sent && DateTimeOffset.TryParse(sent, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            text.Append("    Date:    ").AppendLine(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        }

        text.AppendLine();
        var message = Text(root, "Message") ?? sqsBody;
        try
        {
            using var body = JsonDocument.Parse(message);
            Body(body.RootElement, text);
        }
        catch (JsonException)
        {
            text.Append("    ").AppendLine(message);
        }

        return text.ToString().TrimEnd();
    }

    private static void Body(JsonElement message, StringBuilder text)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            text.Append("    ").AppendLine(message.ToString());
            return;
        }

        if (Text(message, "summary") is { } summary)
        {
            text.Append("    ").AppendLine(summary).AppendLine();
        }

        foreach (var member in message.EnumerateObject().Where(member => member.Name is not ("summary" or "subject" or "schemaVersion")))
        {
            Lines(member.Name, member.Value, text);
        }
    }

    private static void Lines(string name, JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    Lines(name + "." + member.Name, member.Value, text);
                }

                break;
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                {
                    text.Append("    ").Append(name).Append(": ").AppendLine(string.Join(", ", items.Select(item => item.ToString())));
                    break;
                }

                for (var index = 0; index < items.Count; index++)
                {
                    Lines($"{name}[{index + 1}]", items[index], text);
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                text.Append("    ").Append(name).Append(": ").AppendLine(value.ToString());
                break;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
