using System.Globalization;
using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Runtime;

/// <summary>
/// The custom runtime's main loop: builds the handler once at init, then next → handler → response or
/// error, for as long as the process lives. Handler failures, timeouts, oversized responses and Runtime
/// API hiccups end one invocation, never the loop.
/// </summary>
internal sealed class InvocationLoop
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    // Lambda's longest timeout, assumed when an invocation arrives without a usable deadline.
    private static readonly TimeSpan MaxFunctionTimeout = TimeSpan.FromMinutes(15);

    private readonly RuntimeApiClient _client;
    private readonly LambdaRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly LambdaMetrics _metrics;
    private readonly TimeProvider _timeProvider;

    public InvocationLoop(RuntimeApiClient client, LambdaRuntimeOptions options)
    {
        _client = client;
        _options = options;
        _logger = options.Logger;
        _metrics = options.Metrics;
        _timeProvider = options.TimeProvider;
    }

    public async Task<int> RunAsync(Func<string, IFunctionHandler> createHandler, CancellationToken cancellationToken)
    {
        var handler = await InitializeAsync(createHandler, cancellationToken);
        if (handler is null)
        {
            return LambdaRuntime.ExitInitFailed;
        }

        var coldStart = _options.FirstInvocationIsColdStart;
        while (!cancellationToken.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                invocation = await _client.NextAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (RuntimeApiException e)
            {
                _logger.LogCritical(e, "The Runtime API stopped serving invocations; exiting so Lambda can replace this environment");
                return LambdaRuntime.ExitRuntimeApiFailed;
            }

            var isColdStart = coldStart;
            coldStart = false;
            try
            {
                await InvokeAsync(handler, invocation, isColdStart, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (RuntimeApiException e)
            {
                _logger.LogError(e, "The result of invocation {RequestId} could not be delivered to the Runtime API", invocation.RequestId);
            }
        }

        return LambdaRuntime.ExitOk;
    }

    private async Task<IFunctionHandler?> InitializeAsync(Func<string, IFunctionHandler> createHandler, CancellationToken cancellationToken)
    {
        try
        {
            var problems = _metrics.Options.Problems();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The metrics configuration is invalid: " + string.Join("; ", problems));
            }

            return createHandler(_options.HandlerName);
        }
        catch (Exception e)
        {
            var category = e is UnknownHandlerException ? "Runtime.NoSuchHandler" : "Runtime.InitError";
            if (_logger.IsEnabled(LogLevel.Critical))
            {
                _logger.LogCritical(e, "Initialisation of handler {Handler} failed", _options.HandlerName);
            }
            try
            {
                await _client.PostInitErrorAsync(RuntimeError.FromException(category, e), cancellationToken);
            }
            catch (RuntimeApiException postFailure)
            {
                _logger.LogError(postFailure, "The init error could not be reported to the Runtime API");
            }

            return null;
        }
    }

    private async Task InvokeAsync(IFunctionHandler handler, RuntimeInvocation invocation, bool coldStart, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(invocation.RequestId))
        {
            _logger.LogError("The Runtime API sent an invocation without a request id; it cannot be answered and is skipped");
            return;
        }

        var context = CreateContext(invocation, coldStart);
        Environment.SetEnvironmentVariable(TraceIdVariable, string.IsNullOrEmpty(invocation.TraceId) ? null : invocation.TraceId);
        using var activation = InvocationScope.Begin(context);
        _options.Logging.SampleInvocation(activation.Scope);
        var started = _timeProvider.GetTimestamp();
        var result = await RunHandlerAsync(handler, invocation.Payload, context, cancellationToken);
        var duration = _timeProvider.GetElapsedTime(started);
        if (result.FailureOutcome is { } outcome && activation.Scope.SnapshotOutcomes().Length == 0)
        {
            activation.Scope.AddOutcome(outcome);
        }

        // Everything is written before the result is posted: Lambda may freeze the process right after.
        _metrics.Flush(activation.Scope, duration, coldStart);
        await DeliverAsync(context.RequestId, result, cancellationToken);
    }

    private InvocationContext CreateContext(RuntimeInvocation invocation, bool coldStart)
    {
        DateTimeOffset deadline;
        if (long.TryParse(invocation.DeadlineMs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var deadlineMs)
            && deadlineMs > 0
            && deadlineMs < DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            deadline = DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs);
        }
        else
        {
            deadline = _timeProvider.GetUtcNow() + MaxFunctionTimeout;
            _logger.LogWarning(
                "Invocation {RequestId} has no usable deadline ({DeadlineHeader}); assuming {TimeoutMinutes} minutes",
                invocation.RequestId,
                invocation.DeadlineMs,
                MaxFunctionTimeout.TotalMinutes);
        }

        return new InvocationContext(
            invocation.RequestId!,
            invocation.InvokedFunctionArn ?? string.Empty,
            string.IsNullOrEmpty(invocation.TraceId) ? null : invocation.TraceId,
            deadline,
            _options.FunctionName,
            coldStart,
            invocation.ClientContext,
            invocation.CognitoIdentity);
    }

    private async Task<HandlerResult> RunHandlerAsync(
        IFunctionHandler handler,
        ReadOnlyMemory<byte> payload,
        InvocationContext context,
        CancellationToken cancellationToken)
    {
        var budget = DeadlineBudget.CancelAfter(context.RemainingTime(_timeProvider), _options.SafetyMargin);
        using var deadline = new CancellationTokenSource(budget, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Task<ReadOnlyMemory<byte>>? running = null;
        try
        {
            // Task.Run keeps the deadline enforceable even for a handler that blocks before its first await.
            running = Task.Run(() => handler.HandleAsync(payload, context, linked.Token), linked.Token);
            var response = await running.WaitAsync(linked.Token);
            if (response.Length > _options.MaxResponseBytes)
            {
                _logger.LogError(
                    "Response of {ResponseBytes} bytes exceeds the {MaxResponseBytes} byte limit",
                    response.Length,
                    _options.MaxResponseBytes);
                return HandlerResult.Failed(ResponseTooLarge(response.Length, _options.MaxResponseBytes), "error");
            }

            return HandlerResult.Succeeded(response);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ObserveAbandoned(running);
            var margin = context.RemainingTime(_timeProvider);
            _logger.LogError(
                "Invocation stopped {RemainingMs} ms before its deadline: the handler did not finish in time",
                Math.Round(margin.TotalMilliseconds));
            return HandlerResult.Failed(
                RuntimeError.Describe(
                    "Function.Timeout",
                    "HandlerTimeout",
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"The handler did not finish before the safety margin ahead of the deadline {context.Deadline:O}.")),
                "timeout");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "Handler failed: {ErrorType}", e.GetType().Name);
            return HandlerResult.Failed(RuntimeError.FromException("Function.Unhandled", e), "error");
        }
    }

    private async Task DeliverAsync(string requestId, HandlerResult result, CancellationToken cancellationToken)
    {
        if (result.Error is null)
        {
            var posted = await _client.PostResponseAsync(requestId, result.Response, cancellationToken);
            if (posted.Outcome == PostOutcome.Accepted)
            {
                return;
            }

            if (posted.Outcome == PostOutcome.Rejected)
            {
                _logger.LogError("The Runtime API rejected the response with status {StatusCode}", posted.StatusCode);
                return;
            }

            _logger.LogError("The Runtime API refused the response of {ResponseBytes} bytes as too large", result.Response.Length);
            result = HandlerResult.Failed(ResponseTooLarge(result.Response.Length, _options.MaxResponseBytes), "error");
        }

        var errorPosted = await _client.PostErrorAsync(requestId, result.Error!, cancellationToken);
        if (errorPosted.Outcome != PostOutcome.Accepted)
        {
            _logger.LogError("The Runtime API rejected the error report with status {StatusCode}", errorPosted.StatusCode);
        }
    }

    private static RuntimeError ResponseTooLarge(int length, int limit) =>
        RuntimeError.Describe(
            "Function.ResponseSizeTooLarge",
            "ResponseSizeTooLarge",
            string.Create(
                CultureInfo.InvariantCulture,
                $"Response payload size ({length} bytes) exceeded the maximum allowed payload size ({limit} bytes)."));

    // A handler that ignored its token keeps running after the timeout error is posted; its eventual
    // failure is logged (under its own invocation's scope) rather than left unobserved.
    private void ObserveAbandoned(Task<ReadOnlyMemory<byte>>? running) =>
        running?.ContinueWith(
            static (task, state) => ((ILogger)state!).LogWarning(
                task.Exception?.GetBaseException(),
                "A handler that outlived its deadline failed afterwards"),
            _logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private sealed record HandlerResult(ReadOnlyMemory<byte> Response, RuntimeError? Error, string? FailureOutcome)
    {
        public static HandlerResult Succeeded(ReadOnlyMemory<byte> response) => new(response, null, null);

        public static HandlerResult Failed(RuntimeError error, string outcome) => new(ReadOnlyMemory<byte>.Empty, error, outcome);
    }
}
