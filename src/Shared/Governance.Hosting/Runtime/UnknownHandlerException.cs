namespace Governance.Hosting.Runtime;

/// <summary>
/// The function's Handler setting (<c>_HANDLER</c>) names no known handler; the runtime reports it as the
/// init error <c>Runtime.NoSuchHandler</c>.
/// </summary>
public sealed class UnknownHandlerException : Exception
{
    public UnknownHandlerException()
    {
    }

    public UnknownHandlerException(string message)
        : base(message)
    {
    }

    public UnknownHandlerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownHandlerException(string? handlerName, IEnumerable<string> knownHandlers)
        : base(DescribeUnknown(handlerName, knownHandlers))
    {
    }

    private static string DescribeUnknown(string? handlerName, IEnumerable<string> knownHandlers) =>
        $"Unknown handler '{handlerName}'. Set the function's Handler to one of: {string.Join(", ", knownHandlers)}.";
}
