namespace Governance.Hosting.Runtime;

/// <summary>One answer of <c>GET /runtime/invocation/next</c>: the headers as sent and the payload bytes.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id; null or empty when Lambda did not send one.</param>
/// <param name="DeadlineMs">Lambda-Runtime-Deadline-Ms as sent (Unix milliseconds), unparsed.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id.</param>
/// <param name="ClientContext">Lambda-Runtime-Client-Context.</param>
/// <param name="CognitoIdentity">Lambda-Runtime-Cognito-Identity.</param>
/// <param name="Payload">The event, byte for byte.</param>
internal sealed record RuntimeInvocation(
    string? RequestId,
    string? DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    ReadOnlyMemory<byte> Payload);
