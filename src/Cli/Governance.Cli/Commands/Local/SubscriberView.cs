using System.Text;
using System.Text.Json;

namespace Governance.Cli.Commands.Local;

/// <summary>How a team's SQS subscriber sees a notification: the SNS envelope, its attributes and the message.</summary>
public static class SubscriberView
{
    public static string Describe(string sqsBody)
    {
        using var envelope = JsonDocument.Parse(sqsBody);
        var root = envelope.RootElement;
        var text = new StringBuilder();
        if (root.TryGetProperty("Subject", out var subject) && subject.ValueKind == JsonValueKind.String)
        {
            text.Append("  ✉ ").AppendLine(subject.GetString());
        }

        if (root.TryGetProperty("MessageAttributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            text.Append("    attributes: ").AppendLine(string.Join(", ", attributes.EnumerateObject()
                .Select(attribute => $"{attribute.Name}={(attribute.Value.TryGetProperty("Value", out var value) ? value.ToString() : "?")}")));
        }

        var message = root.TryGetProperty("Message", out var body) ? body.GetString() ?? "" : sqsBody;
        text.Append("    message: ").Append(message.Length > 600 ? message[..600] + "…" : message);
        return text.ToString();
    }
}
