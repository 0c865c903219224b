using System.Globalization;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting;

/// <summary>
/// Everything the runtime loop needs, read from the Lambda environment by <see cref="FromEnvironment()"/>;
/// tests build it directly to point the loop at a loopback Runtime API and capture output.
/// </summary>
public sealed record LambdaRuntimeOptions
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    public const string InitializationTypeVariable = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public const string SafetyMarginVariable = "GOVERNANCE_DEADLINE_MARGIN_MS";

    /// <summary>host:port of the Runtime API (AWS_LAMBDA_RUNTIME_API).</summary>
    public required string RuntimeApi { get; init; }

    /// <summary>The function's Handler setting (_HANDLER).</summary>
    public required string HandlerName { get; init; }

    /// <summary>AWS_LAMBDA_FUNCTION_NAME.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The provider behind every logger of the process.</summary>
    public required PowertoolsLoggerProvider Logging { get; init; }

    public required LambdaMetrics Metrics { get; init; }

    /// <summary>
    /// Whether the first invocation is a cold start: true for on-demand environments, false for provisioned
    /// concurrency and SnapStart, which initialise before any request waits (AWS_LAMBDA_INITIALIZATION_TYPE).
    /// </summary>
    public bool FirstInvocationIsColdStart { get; init; } = true;

    /// <summary>The runtime's own logger.</summary>
    public ILogger Logger => Logging.CreateLogger("Governance.Hosting.Runtime");

    /// <summary>
    /// How long before the deadline the invocation's CancellationToken fires, so the handler can stop
    /// and the runtime can still post an error. Shortened to a quarter of the time left for short deadlines.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest response posted; larger ones become an error (Lambda's synchronous limit is 6 MB).</summary>
    public int MaxResponseBytes { get; init; } = RuntimeApiClient.MaxPayloadBytes;

    public RetryPolicy RuntimeApiRetry { get; init; } = RetryPolicy.Default;

    /// <summary>Limit on one response or error post (the long-polling next has none).</summary>
    public TimeSpan PostTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads the process environment; logs and metrics go to stdout.</summary>
    public static LambdaRuntimeOptions FromEnvironment() =>
        FromEnvironment(Environment.GetEnvironmentVariable, new StdoutLineWriter(), TimeProvider.System);

    public static LambdaRuntimeOptions FromEnvironment(Func<string, string?> variable, ILineWriter writer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var functionName = variable(FunctionNameVariable) ?? string.Empty;
        var logging = LoggerOptions.FromEnvironment(variable);
        var margin = int.TryParse(variable(SafetyMarginVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromMilliseconds(500);
        var initializationType = variable(InitializationTypeVariable)?.Trim();

        return new LambdaRuntimeOptions
        {
            RuntimeApi = variable(RuntimeApiVariable) ?? string.Empty,
            HandlerName = variable(HandlerVariable) ?? string.Empty,
            FunctionName = functionName,
            SafetyMargin = margin,
            TimeProvider = timeProvider,
            FirstInvocationIsColdStart = string.IsNullOrEmpty(initializationType) || initializationType == "on-demand",
            Logging = new PowertoolsLoggerProvider(logging, writer, timeProvider),
            Metrics = new LambdaMetrics(
                new MetricsOptions(NonEmpty(variable(MetricsOptions.NamespaceVariable)) ?? MetricsOptions.DefaultNamespace, logging.ServiceName, functionName),
                writer,
                timeProvider),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
