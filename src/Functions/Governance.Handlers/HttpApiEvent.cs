using System.Text.Json;
using Governance.Core.Lineage;

namespace Governance.Handlers;

/// <summary>
/// API Gateway HTTP API events, payload format 2.0: the request fields the lineage API needs, and the
/// response object (<c>statusCode</c>, <c>headers</c>, <c>body</c>).
/// </summary>
public static class HttpApiEvent
{
    /// <summary>The request, or null with the reason when the payload is not a 2.0 HTTP API event.</summary>
    public static ApiRequest? TryRead(ReadOnlySpan<byte> payload, out string problem)
    {
        // JsonDocument accepts malformed UTF-8 inside strings and only fails when a string is read.
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            problem = "the payload is not valid UTF-8";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "version") != "2.0")
            {
                problem = "the payload is not an HTTP API event of payload format version 2.0";
                return null;
            }

            var context = root.TryGetProperty("requestContext", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
            var method = context.ValueKind == JsonValueKind.Object && context.TryGetProperty("http", out var http) ? Text(http, "method") : null;
            var path = Text(root, "rawPath");
            if (method is null || path is null)
            {
                problem = "the event has no requestContext.http.method or rawPath";
                return null;
            }

            problem = string.Empty;
            return new ApiRequest(method, path, Query(root), Caller(context));
        }
        catch (JsonException exception)
        {
            problem = $"the payload is not JSON: {exception.Message}";
            return null;
        }
    }

    // The body is a JSON document inside a JSON string: the default encoder would write each of its quotes as
    // \u0022 (six bytes). API Gateway reads the response as JSON and never places it in HTML, so \" is enough.
    private const int BodySegmentChars = 2048;

    private static readonly JsonWriterOptions ResponseWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Write(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Sized for the body plus an escape per quote, so a large lineage view is written without regrowing.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(response.Body.Length + (response.Body.Length / 4) + 256);
        using (var writer = new Utf8JsonWriter(buffer, ResponseWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", response.StatusCode);
            writer.WriteStartObject("headers");
            writer.WriteString("content-type", "application/json");
            writer.WriteString("cache-control", "no-store");
            writer.WriteEndObject();
            // In segments: for a whole string the writer reserves room for the worst case (every character
            // escaped), which for a lineage view is several times the body; segments bound that reservation.
            writer.WritePropertyName("body");
            var body = response.Body.AsSpan();
            do
            {
                var segment = body[..Math.Min(body.Length, BodySegmentChars)];
                body = body[segment.Length..];
                writer.WriteStringValueSegment(segment, isFinalSegment: body.IsEmpty);
            }
            while (!body.IsEmpty);
            writer.WriteBoolean("isBase64Encoded", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static Dictionary<string, string> Query(JsonElement root)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("queryStringParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                query[parameter.Name] = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString()! : parameter.Value.GetRawText();
            }
        }

        return query;
    }

    private static CallerIdentity? Caller(JsonElement context)
    {
        if (context.ValueKind != JsonValueKind.Object
            || !context.TryGetProperty("authorizer", out var authorizer)
            || authorizer.ValueKind != JsonValueKind.Object
            || !authorizer.TryGetProperty("iam", out var iam)
            || iam.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new CallerIdentity(Text(iam, "userArn"), Text(iam, "accountId"), Text(iam, "principalOrgId"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
