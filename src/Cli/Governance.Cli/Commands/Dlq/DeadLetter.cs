using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Governance.Cli.Commands.Dlq;

/// <summary>How a message reached a dead-letter queue.</summary>
public enum DeadLetterOrigin
{
    /// <summary>Lambda's on-failure destination: the function failed the event on every attempt (or it aged out).</summary>
    FunctionFailure,

    /// <summary>An EventBridge rule's dead-letter queue: the rule could not deliver the event to its target.</summary>
    DeliveryFailure,

    /// <summary>Neither shape: shown as it is, never redriven.</summary>
    Unrecognised,
}

/// <summary>
/// One dead-lettered message read for an operator: the event, why it failed and where it was going.
/// <list type="bullet">
/// <item>Lambda's on-failure destination wraps the event in an invocation record: <c>requestContext</c>
/// (<c>requestId</c>, <c>functionArn</c>, <c>condition</c>: RetriesExhausted or EventAgeExceeded,
/// <c>approximateInvokeCount</c>), <c>requestPayload</c> (the event), <c>responseContext</c> (<c>statusCode</c>,
/// <c>executedVersion</c>, <c>functionError</c>) and <c>responsePayload</c> (the function's error document).</item>
/// <item>An EventBridge rule's dead-letter queue holds the event itself, with the message attributes
/// <c>RULE_ARN</c>, <c>TARGET_ARN</c>, <c>ERROR_CODE</c>, <c>ERROR_MESSAGE</c>, <c>EXHAUSTED_RETRY_CONDITION</c>
/// and <c>RETRY_ATTEMPTS</c>.</item>
/// </list>
/// </summary>
public sealed record DeadLetter(
    string Queue,
    string MessageId,
    string ReceiptHandle,
    DeadLetterOrigin Origin,
    byte[]? Event,
    string? EventId,
    string? Target,
    string Reason,
    string? Attempts,
    DateTimeOffset? SentAt)
{
    public static DeadLetter Read(string queue, string messageId, string receiptHandle, string body, IReadOnlyDictionary<string, string> attributes, DateTimeOffset? sentAt)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(attributes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new DeadLetter(queue, messageId, receiptHandle, DeadLetterOrigin.Unrecognised, null, null, null, $"the message is not JSON: {e.Message}", null, sentAt);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("requestContext", out var request) && root.TryGetProperty("requestPayload", out var payload))
            {
                return FromInvocationRecord(queue, messageId, receiptHandle, root, request, payload, sentAt);
            }

            if (attributes.Count > 0 || (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail-type", out _)))
            {
                var reason = Join(attributes.GetValueOrDefault("ERROR_CODE"), attributes.GetValueOrDefault("ERROR_MESSAGE"))
                    ?? "delivered to the dead-letter queue without an error (no ERROR_CODE attribute)";
                if (attributes.GetValueOrDefault("EXHAUSTED_RETRY_CONDITION") is { Length: > 0 } condition)
                {
                    reason += $" ({condition})";
                }

                return new DeadLetter(
                    queue, messageId, receiptHandle, DeadLetterOrigin.DeliveryFailure, Encoding.UTF8.GetBytes(body), EventIdOf(root),
                    attributes.GetValueOrDefault("TARGET_ARN"), reason, attributes.GetValueOrDefault("RETRY_ATTEMPTS"), sentAt);
            }

            return new DeadLetter(queue, messageId, receiptHandle, DeadLetterOrigin.Unrecognised, null, EventIdOf(root), null,
                "neither a Lambda invocation record nor an EventBridge dead letter", null, sentAt);
        }
    }

    private static DeadLetter FromInvocationRecord(string queue, string messageId, string receiptHandle, JsonElement root, JsonElement request, JsonElement payload, DateTimeOffset? sentAt)
    {
        var condition = Text(request, "condition");
        string? error = null;
        if (root.TryGetProperty("responsePayload", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            error = Join(Text(response, "errorType"), Text(response, "errorMessage"));
        }

        if (error is null && root.TryGetProperty("responseContext", out var context))
        {
            error = Text(context, "functionError");
        }

        var reason = (error ?? "the function failed") + (condition is null ? string.Empty : $" ({condition})");
        var attempts = request.TryGetProperty("approximateInvokeCount", out var count) && count.ValueKind == JsonValueKind.Number
            ? count.GetInt32().ToString(CultureInfo.InvariantCulture)
            : null;
        return new DeadLetter(
            queue, messageId, receiptHandle, DeadLetterOrigin.FunctionFailure, Encoding.UTF8.GetBytes(payload.GetRawText()), EventIdOf(payload),
            Text(request, "functionArn"), reason, attempts, sentAt);
    }

    private static string? EventIdOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? Text(root, "id") ?? Text(root, "eventID") : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Join(string? first, string? second) =>
        (first, second) switch
        {
            (null or "", null or "") => null,
            (null or "", _) => second,
            (_, null or "") => first,
            _ => $"{first}: {second}",
        };
}
