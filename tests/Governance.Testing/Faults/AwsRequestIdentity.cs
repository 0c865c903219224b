using System.Text;
using Microsoft.AspNetCore.Http;

namespace Governance.Testing.Faults;

/// <summary>The wire protocol of a proxied request, which decides how an injected error is written.</summary>
public enum WireProtocol
{
    /// <summary>awsJson (X-Amz-Target): DynamoDB, SageMaker, CodePipeline.</summary>
    Json,

    /// <summary>awsQuery (Action= form): SNS, STS, SQS.</summary>
    Query,

    /// <summary>restXml: S3.</summary>
    RestXml,
}

/// <summary>Which service and operation a request is, as read off the wire.</summary>
/// <param name="Service">The SigV4 signing name (<c>dynamodb</c>, <c>sagemaker</c>, <c>s3</c>, <c>sns</c>, <c>sts</c>, …).</param>
/// <param name="Operation">The API operation (<c>PutItem</c>, <c>CreateModelPackage</c>, <c>CopyObject</c>, …).</param>
public sealed record AwsRequestIdentity(string Service, string Operation, WireProtocol Protocol)
{
    /// <summary>
    /// The service from the SigV4 credential scope (<c>…/&lt;region&gt;/&lt;service&gt;/aws4_request</c>) of the
    /// Authorization header or of a presigned URL's X-Amz-Credential; an unsigned request is taken for S3, the
    /// one service here that serves anonymous requests. The operation from X-Amz-Target, the Action parameter,
    /// or for S3 the method and path.
    /// </summary>
    public static AwsRequestIdentity Of(HttpRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = ServiceFromScope(request.Headers.Authorization.ToString())
            ?? ServiceFromScope(Uri.UnescapeDataString(request.Query["X-Amz-Credential"].ToString()))
            ?? "s3";
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            return new(service, target[(target.LastIndexOf('.') + 1)..], WireProtocol.Json);
        }

        if (service == "s3")
        {
            return new(service, S3Operation(request), WireProtocol.RestXml);
        }

        var action = request.Query["Action"].ToString();
        if (action.Length == 0)
        {
            action = FormValue(Encoding.UTF8.GetString(body), "Action") ?? "Unknown";
        }

        return new(service, action, WireProtocol.Query);
    }

    private static string? ServiceFromScope(string text)
    {
        var start = text.IndexOf("Credential=", StringComparison.Ordinal);
        var scope = start >= 0 ? text[(start + "Credential=".Length)..] : text;
        var end = scope.IndexOfAny([',', ' ']);
        var parts = (end >= 0 ? scope[..end] : scope).Split('/');
        return parts.Length == 5 && parts[4] == "aws4_request" ? parts[3] : null;
    }

    private static string? FormValue(string form, string name)
    {
        foreach (var pair in form.Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && Uri.UnescapeDataString(pair[..separator]) == name)
            {
                return Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    /// <summary>Path-style addressing: <c>/bucket</c> or <c>/bucket/key</c>.</summary>
    private static string S3Operation(HttpRequest request)
    {
        var path = request.Path.Value?.Trim('/') ?? string.Empty;
        var hasKey = path.Contains('/', StringComparison.Ordinal);
        var query = request.Query;
        var method = request.Method.ToUpperInvariant();
        if (path.Length == 0)
        {
            return "ListBuckets";
        }

        return (method, hasKey) switch
        {
            ("PUT", true) when request.Headers.ContainsKey("x-amz-copy-source") => "CopyObject",
            ("PUT", true) when query.ContainsKey("partNumber") => "UploadPart",
            ("PUT", true) => "PutObject",
            ("GET", true) => "GetObject",
            ("HEAD", true) => "HeadObject",
            ("DELETE", true) => "DeleteObject",
            ("POST", true) when query.ContainsKey("uploads") => "CreateMultipartUpload",
            ("POST", true) when query.ContainsKey("uploadId") => "CompleteMultipartUpload",
            ("POST", true) => "PostObject",
            ("GET", false) when query.ContainsKey("list-type") => "ListObjectsV2",
            ("GET", false) when query.ContainsKey("location") => "GetBucketLocation",
            ("GET", false) => "ListObjects",
            ("HEAD", false) => "HeadBucket",
            ("PUT", false) => "CreateBucket",
            ("DELETE", false) => "DeleteBucket",
            ("POST", false) when query.ContainsKey("delete") => "DeleteObjects",
            _ => method + " " + (hasKey ? "object" : "bucket"),
        };
    }
}
