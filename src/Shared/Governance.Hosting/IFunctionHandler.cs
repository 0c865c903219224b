namespace Governance.Hosting;

/// <summary>
/// One Lambda function's entry point. The runtime loop calls it once per invocation with the raw payload
/// and posts the returned bytes as the response; an exception becomes an invocation error in Lambda's
/// format (errorType, errorMessage, stackTrace), so Lambda retries the event or sends it to the
/// function's on-failure destination.
/// </summary>
public interface IFunctionHandler
{
    Task<ReadOnlyMemory<byte>> HandleAsync(
        ReadOnlyMemory<byte> payload,
        InvocationContext context,
        CancellationToken cancellationToken);
}
