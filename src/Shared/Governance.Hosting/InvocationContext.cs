namespace Governance.Hosting;

/// <summary>What the Runtime API says about one invocation.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id, when tracing is active.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms as an instant.</param>
/// <param name="FunctionName">AWS_LAMBDA_FUNCTION_NAME.</param>
/// <param name="IsColdStart">True for the first invocation this process serves.</param>
/// <param name="ClientContext">Lambda-Runtime-Client-Context (mobile SDK invocations), raw JSON.</param>
/// <param name="CognitoIdentity">Lambda-Runtime-Cognito-Identity (mobile SDK invocations), raw JSON.</param>
public sealed record InvocationContext(
    string RequestId,
    string InvokedFunctionArn,
    string? TraceId,
    DateTimeOffset Deadline,
    string FunctionName,
    bool IsColdStart,
    string? ClientContext = null,
    string? CognitoIdentity = null)
{
    /// <summary>Time left before Lambda stops the invocation, never negative.</summary>
    public TimeSpan RemainingTime(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var remaining = Deadline - timeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
