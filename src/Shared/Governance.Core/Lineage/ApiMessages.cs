namespace Governance.Core.Lineage;

/// <summary>A query as the API received it: method, raw path, decoded query parameters and the authenticated caller.</summary>
public sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, CallerIdentity? Caller);

/// <summary>The answer: an HTTP status and a JSON body.</summary>
public sealed record ApiResponse(int StatusCode, string Body);

/// <summary>Bad input: answered 400 with what is wrong and, when one is to blame, which parameter.</summary>
public sealed class ApiBadRequestException : Exception
{
    public ApiBadRequestException()
        : base("bad request")
    {
    }

    public ApiBadRequestException(string message)
        : base(message)
    {
    }

    public ApiBadRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiBadRequestException(string message, string? parameter)
        : base(message)
    {
        Parameter = parameter;
    }

    public string? Parameter { get; }
}
