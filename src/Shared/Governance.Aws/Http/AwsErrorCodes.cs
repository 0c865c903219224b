namespace Governance.Aws.Http;

/// <summary>How the HTTP core treats an error.</summary>
public enum AwsErrorKind
{
    Other,
    Throttling,
    Transient,
    ServerError,
    Validation,
    AccessDenied,
    NotFound,
    Conflict,
}

/// <summary>Error codes across SageMaker, SNS, CodePipeline and STS, by kind.</summary>
public static class AwsErrorCodes
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
        "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException", "SlowDown",
        "BandwidthLimitExceeded", "Throttled",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalFailure", "InternalError",
        "InternalServerError", "InternalErrorException", "ServiceUnavailable", "ServiceUnavailableException",
        "IDPCommunicationError",
    };

    private static readonly HashSet<string> Validation = new(StringComparer.Ordinal)
    {
        "ValidationException", "ValidationError", "InvalidParameter", "InvalidParameterException", "InvalidParameterValue",
        "InvalidParameterValueException", "InvalidParameterCombination", "MissingParameter", "SerializationException",
        "InvalidAction", "InvalidQueryParameter", "MalformedQueryString", "InvalidNextTokenException",
        "InvalidClientTokenException", "InvalidStructureException",
    };

    private static readonly HashSet<string> AccessDenied = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException", "UnrecognizedClientException",
        "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature",
        "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException", "RequestExpired", "NotAuthorized",
        "OptInRequired", "RegionDisabledException",
    };

    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal)
    {
        "ResourceNotFound", "ResourceNotFoundException", "NotFound", "NotFoundException", "NoSuchEntity",
        "PipelineNotFoundException", "PipelineExecutionNotFoundException", "PipelineVersionNotFoundException",
    };

    private static readonly HashSet<string> Conflict = new(StringComparer.Ordinal)
    {
        "ConflictException", "ResourceInUse", "ConcurrentModificationException", "ConcurrentPipelineExecutionsLimitExceededException",
        "DuplicatedStopRequestException", "ConcurrentAccessException",
    };

    public static AwsErrorKind Classify(string code, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Throttling.Contains(code) || statusCode == 429)
        {
            return AwsErrorKind.Throttling;
        }

        if (Validation.Contains(code))
        {
            return AwsErrorKind.Validation;
        }

        if (AccessDenied.Contains(code))
        {
            return AwsErrorKind.AccessDenied;
        }

        if (NotFound.Contains(code))
        {
            return AwsErrorKind.NotFound;
        }

        if (Conflict.Contains(code))
        {
            return AwsErrorKind.Conflict;
        }

        if (Transient.Contains(code))
        {
            return AwsErrorKind.Transient;
        }

        return statusCode >= 500 ? AwsErrorKind.ServerError : AwsErrorKind.Other;
    }

    /// <summary>Throttling, transient and 5xx errors are worth another attempt; the rest are not.</summary>
    public static bool IsRetryable(AwsErrorKind kind) =>
        kind is AwsErrorKind.Throttling or AwsErrorKind.Transient or AwsErrorKind.ServerError;
}
