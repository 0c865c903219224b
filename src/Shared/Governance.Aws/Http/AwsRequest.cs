using Governance.Aws.Endpoints;

namespace Governance.Aws.Http;

/// <summary>One call to a service: where, what, and the already serialised body.</summary>
/// <param name="Service">The service (protocol, signing name).</param>
/// <param name="Operation">Operation name, for the target header and for errors.</param>
/// <param name="Endpoint">Resolved endpoint.</param>
/// <param name="Region">Signing region.</param>
/// <param name="ContentType">Content-Type of <paramref name="Body"/>.</param>
/// <param name="Body">The serialised request.</param>
/// <param name="Target">X-Amz-Target, for the json protocol.</param>
/// <param name="Path">The request path, already URI-encoded: "/" for the json and query protocols, the operation's route for rest-json.</param>
public sealed record AwsRequest(
    AwsService Service,
    string Operation,
    Uri Endpoint,
    string Region,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    string? Target = null,
    string Path = "/")
{
    /// <summary>
    /// False for a call that must not be sent again after a failure that may have applied it (a 5xx, a reset, a
    /// timeout): the caller reconciles first. Throttling, which applies nothing, is still retried.
    /// </summary>
    public bool RetryWhenMaybeApplied { get; init; } = true;
}

/// <summary>A successful response.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Response body.</param>
/// <param name="RequestId">x-amzn-RequestId, when sent.</param>
/// <param name="Attempts">How many attempts the call took.</param>
/// <param name="FunctionError">Lambda's X-Amz-Function-Error: the invoked function failed (Handled / Unhandled).</param>
public sealed record AwsResponse(int StatusCode, byte[] Body, string? RequestId, int Attempts, string? FunctionError = null);

/// <summary>Told about each retry, for logs and metrics.</summary>
/// <param name="Service">Service id.</param>
/// <param name="Operation">Operation.</param>
/// <param name="Attempt">The attempt that failed (1-based).</param>
/// <param name="Delay">The wait before the next attempt.</param>
/// <param name="Reason">Error code, HTTP status or exception type.</param>
public sealed record AwsRetryNotice(string Service, string Operation, int Attempt, TimeSpan Delay, string Reason);
