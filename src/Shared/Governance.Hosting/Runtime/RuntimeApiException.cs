namespace Governance.Hosting.Runtime;

/// <summary>The Runtime API could not be reached or kept failing after every retry.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
