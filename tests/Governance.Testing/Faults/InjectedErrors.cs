using System.Text;
using Microsoft.AspNetCore.Http;

namespace Governance.Testing.Faults;

/// <summary>Error responses in each service's own protocol, as AWS writes them, so clients classify them as they would AWS's.</summary>
internal static class InjectedErrors
{
    public static (int Status, string ContentType, byte[] Body) For(FaultKind kind, AwsRequestIdentity identity)
    {
        var (status, json, query, s3) = kind switch
        {
            FaultKind.Throttle => identity.Protocol == WireProtocol.RestXml
                ? (503, "ThrottlingException", "Throttling", "SlowDown")
                : (400, "ThrottlingException", "Throttling", "SlowDown"),
            FaultKind.Unavailable => (503, "ServiceUnavailable", "ServiceUnavailable", "ServiceUnavailable"),
            _ => (500, "InternalFailure", "InternalFailure", "InternalError"),
        };
        var message = $"injected {kind} for {identity.Service}:{identity.Operation}";
        var requestId = Guid.NewGuid().ToString();
        return identity.Protocol switch
        {
            WireProtocol.Json => (status, "application/x-amz-json-1.1",
                Encoding.UTF8.GetBytes($$"""{"__type":"{{json}}","message":"{{message}}"}""")),
            WireProtocol.Query => (status, "text/xml", Encoding.UTF8.GetBytes(
                $"<ErrorResponse><Error><Type>{(status >= 500 ? "Receiver" : "Sender")}</Type><Code>{query}</Code><Message>{message}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>")),
            _ => (status, "application/xml", Encoding.UTF8.GetBytes(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{s3}</Code><Message>{message}</Message><RequestId>{requestId}</RequestId></Error>")),
        };
    }

    public static async Task WriteAsync(HttpContext http, FaultKind kind, AwsRequestIdentity identity)
    {
        var (status, contentType, body) = For(kind, identity);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
