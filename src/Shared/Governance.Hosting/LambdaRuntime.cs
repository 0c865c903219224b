using Governance.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting;

/// <summary>
/// Entry point of the custom runtime (<c>provided.al2023</c>): call from <c>Main</c> and return its exit
/// code. The handler named by <c>_HANDLER</c> is created once, eagerly, during INIT; a failure there is
/// reported to <c>/runtime/init/error</c> and the process exits non-zero.
/// </summary>
public static class LambdaRuntime
{
    /// <summary>The loop ended because the CancellationToken fired (SIGTERM).</summary>
    public const int ExitOk = 0;

    /// <summary>The handler could not be created; the init error was posted.</summary>
    public const int ExitInitFailed = 1;

    /// <summary>AWS_LAMBDA_RUNTIME_API is not set: not running under Lambda or an emulator.</summary>
    public const int ExitNotInLambda = 2;

    /// <summary>The Runtime API kept failing after every retry.</summary>
    public const int ExitRuntimeApiFailed = 3;

    public static Task<int> RunAsync(Func<string, IFunctionHandler> createHandler, CancellationToken cancellationToken) =>
        RunAsync(createHandler, LambdaRuntimeOptions.FromEnvironment(), cancellationToken);

    public static async Task<int> RunAsync(
        Func<string, IFunctionHandler> createHandler,
        LambdaRuntimeOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RuntimeApi))
        {
            var logger = options.Logger;
            if (logger.IsEnabled(LogLevel.Critical))
            {
                logger.LogCritical(
                    "{Variable} is not set: this executable runs inside AWS Lambda or a Runtime API emulator",
                    LambdaRuntimeOptions.RuntimeApiVariable);
            }
            return ExitNotInLambda;
        }

        using var client = new RuntimeApiClient(
            options.RuntimeApi,
            options.RuntimeApiRetry,
            options.PostTimeout,
            options.TimeProvider,
            options.Logger);
        return await new InvocationLoop(client, options).RunAsync(createHandler, cancellationToken);
    }
}
