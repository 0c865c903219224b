using Governance.Aws.Endpoints;
using Governance.Aws.Http;

namespace Governance.Aws.Lambda;

/// <summary>What a synchronous invocation answered.</summary>
/// <param name="FunctionError">Null when the function succeeded; Lambda's X-Amz-Function-Error (Unhandled, Handled) when it failed.</param>
/// <param name="Payload">The function's response, or its error document ({errorType, errorMessage, stackTrace}).</param>
public sealed record LambdaInvocation(string? FunctionError, byte[] Payload)
{
    public bool Succeeded => FunctionError is null;
}

/// <summary>
/// Lambda's Invoke (RequestResponse) on the project's signed core (AWSSDK.Lambda is not available here):
/// <c>POST /2015-03-31/functions/{FunctionName}/invocations</c> with the event as the body.
/// </summary>
public sealed class LambdaInvoker(AwsHttpCore core, Uri endpoint, string region)
{
    public async Task<LambdaInvocation> InvokeAsync(string function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        var request = new AwsRequest(
            AwsService.Lambda,
            "Invoke",
            endpoint,
            region,
            "application/json",
            payload,
            Path: $"/2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations");
        var response = await core.SendAsync(request, cancellationToken);
        return new LambdaInvocation(response.FunctionError, response.Body);
    }
}
