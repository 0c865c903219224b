using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Flows;
using Governance.Core.Presentation;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Handlers;

/// <summary>
/// The thin entry point every event-driven function shares: parse, route, hand the event to this function's
/// handler, and answer with the <see cref="ProcessingResult"/> as JSON. Events that are another handler's
/// business are acknowledged as ignored with a log line; unusable events fail the invocation
/// (<see cref="EventRejectedException"/>) so they end in the dead-letter queue.
/// </summary>
/// <param name="handler">The domain handler for this function's own events.</param>
public sealed class EventFunction(string handlerName, EventRouter router, ILogger logger, IMetrics metrics, IDomainHandler handler)
    : IFunctionHandler
{
    public string HandlerName { get; } = handlerName;

    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var parsed = EventParser.Parse(payload);
        if (parsed is RejectedEvent rejected)
        {
            logger.SetCorrelationId(rejected.EventId);
            logger.LogError("Event {EventId} rejected by {Handler}: {Reason}", rejected.EventId, HandlerName, rejected.Reason);
            metrics.AddOutcome("rejected");
            throw new EventRejectedException(rejected);
        }

        var parsedEvent = (ParsedEvent)parsed;
        logger.SetCorrelationId(parsedEvent.Envelope.Id);
        var route = router.Route(parsedEvent);
        ProcessingResult result;
        if (route.Handler != HandlerName)
        {
            result = ProcessingResults.Ignored(parsedEvent, route.IsIgnored ? route : RouteDecision.Ignore($"not this function's business: {route.Handler} handles it ({route.Reason})"));
        }
        else
        {
            result = await RunAsync(handler, parsedEvent, context, cancellationToken);
        }

        if (result.Outcome is ProcessingOutcome.Failed or ProcessingOutcome.Rejected)
        {
            logger.LogError(
                "Event {EventId} ({DetailType}) rejected by {Handler}: {Reason}",
                result.EventId, result.DetailType, HandlerName, result.Reason);
            metrics.AddOutcome("rejected");
            throw new EventRejectedException(result);
        }

        var outcome = result.Outcome == ProcessingOutcome.Processed ? "processed" : "ignored";
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Event {EventId} ({DetailType}) {Outcome} by {Handler}: {Reason}",
                result.EventId, result.DetailType, outcome, HandlerName, result.Reason);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var effect in result.Effects)
            {
                logger.LogDebug("Event {EventId} effect: {Effect}", result.EventId, EffectText.Describe(effect));
            }

            foreach (var effect in result.AlreadyDone)
            {
                logger.LogDebug("Event {EventId} found done: {Effect}", result.EventId, EffectText.Describe(effect));
            }
        }

        metrics.AddOutcome(outcome);
        return JsonSerializer.SerializeToUtf8Bytes(result, ProcessingJsonContext.Default.ProcessingResult);
    }

    private async Task<ProcessingResult> RunAsync(IDomainHandler eventHandler, ParsedEvent parsedEvent, InvocationContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await eventHandler.HandleAsync(parsedEvent, context.Deadline, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryable = exception is FlowFailedException { Retryable: true };
            logger.LogError(
                "Event {EventId} failed in {Handler} (retryable: {Retryable}): {Reason}",
                parsedEvent.Envelope.Id, HandlerName, retryable, exception.Message);
            metrics.AddOutcome("failed");
            throw;
        }
    }
}
