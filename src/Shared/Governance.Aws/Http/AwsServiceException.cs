namespace Governance.Aws.Http;

/// <summary>An error AWS returned for a call, with its error code, message and request id.</summary>
public class AwsServiceException : Exception
{
    public AwsServiceException(AwsErrorDetails details, Exception? innerException = null)
        : base($"{details.Service} {details.Operation} failed: {details.Code} (HTTP {details.StatusCode}): {details.Message} [request id {details.RequestId ?? "none"}]", innerException)
    {
        Details = details;
    }

    public AwsErrorDetails Details { get; }

    public string ErrorCode => Details.Code;

    public string? RequestId => Details.RequestId;

    public int StatusCode => Details.StatusCode;

    /// <summary>The typed exception for an error code and status.</summary>
    public static AwsServiceException For(AwsErrorDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return AwsErrorCodes.Classify(details.Code, details.StatusCode) switch
        {
            AwsErrorKind.Throttling => new AwsThrottlingException(details),
            AwsErrorKind.Validation => new AwsValidationException(details),
            AwsErrorKind.AccessDenied => new AwsAccessDeniedException(details),
            AwsErrorKind.NotFound => new AwsResourceNotFoundException(details),
            AwsErrorKind.Conflict => new AwsConflictException(details),
            AwsErrorKind.ServerError => new AwsServerException(details),
            _ => new AwsServiceException(details),
        };
    }
}

/// <summary>What AWS said about a failed call.</summary>
public sealed record AwsErrorDetails(string Service, string Operation, int StatusCode, string Code, string Message, string? RequestId);

/// <summary>Throttled (ThrottlingException, TooManyRequestsException, RequestLimitExceeded, HTTP 429…); retried.</summary>
public sealed class AwsThrottlingException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>The request was rejected as invalid; never retried.</summary>
public sealed class AwsValidationException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>Authentication or authorization failed; never retried.</summary>
public sealed class AwsAccessDeniedException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>The named resource does not exist.</summary>
public sealed class AwsResourceNotFoundException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>The resource is in a state that conflicts with the request.</summary>
public sealed class AwsConflictException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>A 5xx from the service, after retries.</summary>
public sealed class AwsServerException(AwsErrorDetails details) : AwsServiceException(details);

/// <summary>The service could not be reached (connection failure, reset, attempt timeout), after retries.</summary>
public sealed class AwsTransportException(string service, string operation, int attempts, Exception innerException)
    : Exception($"{service} {operation} failed after {attempts} attempt(s): {innerException?.Message}", innerException)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public int Attempts { get; } = attempts;
}

/// <summary>A request that would break the service's documented constraints; nothing was sent.</summary>
public sealed class AwsRequestValidationException(string service, string operation, string member, string reason)
    : ArgumentException($"{service} {operation}: {member} {reason}; the request was not sent", member)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public string Member { get; } = member;

    public string Reason { get; } = reason;
}
