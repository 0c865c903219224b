using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Processing;
using Governance.Handlers;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Cli.Commands.Replay;

/// <summary>
/// Invokes the functions in this process exactly as Lambda would (payload bytes in, response bytes out), each
/// function composed once from <paramref name="settings"/> (the same catalogue and settings definition as the
/// bootstrap) and each event in its own invocation scope.
/// </summary>
public sealed class LocalInvoker(Func<string, string?> settings, string centralAccountId, ILogger logger, IMetrics metrics, TimeProvider timeProvider)
{
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, IFunctionHandler> _functions = new(StringComparer.Ordinal);

    /// <summary>The functions as the CLI runs them: <paramref name="settings"/> with the given central account, their log lines to <paramref name="functionOutput"/> (or nowhere).</summary>
    public static LocalInvoker Create(Func<string, string?> settings, string centralAccountId, TextWriter? functionOutput)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var time = TimeProvider.System;
        var lines = new TextWriterLineWriter(functionOutput);
        return new LocalInvoker(
            name => name == SettingNames.CentralAccount ? centralAccountId : settings(name),
            centralAccountId,
            new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", "governance-replay", null, LogLevel.Debug), lines, time).CreateLogger(),
            new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", "governance-replay"), lines, time),
            time);
    }

    public async Task<ProcessingResult> InvokeAsync(string handler, ParsedEvent parsed, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (!_functions.TryGetValue(handler, out var function))
        {
            try
            {
                function = FunctionCatalog.Create(handler, settings, logger, metrics);
            }
            catch (Exception e) when (e is InvalidOperationException or Amazon.Runtime.AmazonClientException)
            {
                // The function would not start in Lambda either (INIT error): say why for each of its events.
                return ProcessingResults.Failed(parsed, handler, $"{handler} cannot start: {e.Message} (run 'governance local up' and use --local, or set the GOVERNANCE_* variables)");
            }

            _functions.Add(handler, function);
        }

        var context = new InvocationContext(
            RequestId: Guid.NewGuid().ToString(),
            InvokedFunctionArn: $"arn:aws:lambda:local:{centralAccountId}:function:{handler}",
            TraceId: null,
            Deadline: timeProvider.GetUtcNow() + InvocationTimeout,
            FunctionName: handler,
            IsColdStart: false);
        using var scope = LocalInvocation.Begin(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InvocationTimeout);
        try
        {
            var response = await function.HandleAsync(payload, context, timeout.Token);
            return JsonSerializer.Deserialize(response.Span, ProcessingJsonContext.Default.ProcessingResult)
                ?? ProcessingResults.Failed(parsed, handler, "the function answered null");
        }
        catch (EventRejectedException e)
        {
            return ProcessingResults.Rejected(e.Rejected);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProcessingResults.Failed(parsed, handler, $"timed out after {InvocationTimeout.TotalMinutes} minutes");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ProcessingResults.Failed(parsed, handler, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
