using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Governance.Aws.Endpoints;

namespace Governance.Aws.Http;

/// <summary>Reads the error code, message and request id out of a failed response, per protocol.</summary>
public static class AwsErrorReader
{
    public static (string Code, string Message, string? RequestId) Read(AwsProtocol protocol, int statusCode, HttpResponseHeaders headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id");
        var (code, message, bodyRequestId) = protocol == AwsProtocol.Query ? FromXml(body) : FromJson(body);
        if (code is null && message is null && protocol != AwsProtocol.Query)
        {
            // Front doors and emulators may answer a JSON-protocol call with an XML error (moto does for IAM
            // denials); its code and message beat an anonymous "Http403".
            (code, message, bodyRequestId) = FromXml(body);
        }

        code ??= Header(headers, "x-amzn-ErrorType");
        code = Normalize(code) ?? (statusCode == 429 ? "TooManyRequestsException" : $"Http{statusCode}");
        return (code, message ?? string.Empty, requestId ?? bodyRequestId);
    }

    /// <summary>"aws.protocoltests#FooError:http://…" → "FooError".</summary>
    private static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static (string? Code, string? Message, string? RequestId) FromJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            string? code = null, message = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.NameEquals("__type") || (code is null && property.NameEquals("code")))
                {
                    code = property.Value.GetString();
                }
                else if (string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase))
                {
                    message = property.Value.GetString();
                }
            }

            return (code, message, null);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static (string? Code, string? Message, string? RequestId) FromXml(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null, null);
        }

        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XDocument.Load(reader).Root;
            var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            string? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var requestId = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return (Child(error, "Code"), Child(error, "Message"), requestId);
        }
        catch (XmlException)
        {
            return (null, null, null);
        }
    }
}
