using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;

namespace Governance.Functions;

/// <summary>
/// The thin entry point every event-driven function shares: parse, route, hand the event to this function's
/// handler, and answer with the <see cref="ProcessingResult"/> as JSON. Events that are another handler's
/// business are acknowledged as ignored with a log line; unusable events fail the invocation
/// (<see cref="EventRejectedException"/>) so they end in the dead-letter queue.
/// </summary>
public sealed class EventFunction(string handlerName, EventRouter router, LambdaLogger logger, LambdaMetrics metrics) : IFunctionHandler
{
    /// <summary>Why an event routed to a function whose domain handler is not in this build is not acted on.</summary>
    public const string NoHandlerYet = "no handler yet";

    public string HandlerName { get; } = handlerName;

    public Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var parsed = EventParser.Parse(payload);
        if (parsed is RejectedEvent rejected)
        {
            logger.SetCorrelationId(rejected.EventId);
            logger.Error("Event {EventId} rejected by {Handler}: {Reason}", rejected.EventId, HandlerName, rejected.Reason);
            metrics.AddOutcome("rejected");
            throw new EventRejectedException(rejected);
        }

        var parsedEvent = (ParsedEvent)parsed;
        logger.SetCorrelationId(parsedEvent.Envelope.Id);
        var route = router.Route(parsedEvent);
        var result = route.Handler == HandlerName
            ? ProcessingResults.Ignored(parsedEvent, HandlerName, NoHandlerYet)
            : ProcessingResults.Ignored(parsedEvent, route.IsIgnored ? route : RouteDecision.Ignore($"not this function's business: {route.Handler} handles it ({route.Reason})"));

        logger.Information(
            "Event {EventId} ({DetailType}) {Outcome} by {Handler}: {Reason}",
            result.EventId, result.DetailType, "ignored", HandlerName, result.Reason);
        metrics.AddOutcome("ignored");
        return Task.FromResult<ReadOnlyMemory<byte>>(JsonSerializer.SerializeToUtf8Bytes(result, ProcessingJsonContext.Default.ProcessingResult));
    }
}
