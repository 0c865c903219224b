using System.Globalization;
using Governance.Core.Events;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Hosting;

namespace Governance.Functions;

/// <summary>
/// Runs a monitor (PipelineMonitor, ComplianceMonitor, AuditTrail) for a routed event and publishes the
/// notifications it decided on, each exactly once: a claim per (event, notification) in the idempotency store
/// means a redelivery after a crash publishes only what was not published yet, and a concurrent duplicate
/// either finds the notification done or backs off with a retryable error.
/// </summary>
public sealed class MonitorDomainHandler(IEventMonitor monitor, INotifier notifier, IIdempotencyStore idempotency) : IDomainHandler
{
    public static MonitorDomainHandler For(FlowServices services, FunctionSettings settings, string handler)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new(services.Monitor(settings, handler), services.Notifier, services.Idempotency);
    }

    public async Task<ProcessingResult> HandleAsync(ParsedEvent parsed, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await monitor.HandleAsync(parsed, cancellationToken);
        if (outcome.Notifications.Count == 0)
        {
            return outcome.Result;
        }

        var eventId = EventIdentity.Of(parsed);
        var effects = outcome.Result.Effects.ToList();
        for (var index = 0; index < outcome.Notifications.Count; index++)
        {
            var notification = outcome.Notifications[index];
            var key = string.Create(CultureInfo.InvariantCulture, $"{eventId}#notify#{index}");
            var claim = await idempotency.TryBeginAsync(key, monitor.HandlerName, context.Deadline, cancellationToken);
            switch (claim.Outcome)
            {
                case IdempotencyOutcome.AlreadyCompleted:
                    effects.Add($"{notification.EventType.WireName()} already notified");
                    continue;
                case IdempotencyOutcome.InProgress:
                    throw new FlowFailedException($"another invocation is publishing {notification.EventType.WireName()} for event {eventId}; retry later", "notify", retryable: true);
            }

            try
            {
                var messageId = await notifier.PublishAsync(notification, cancellationToken);
                await idempotency.CompleteAsync(key, monitor.HandlerName, claim.Token!, messageId, cancellationToken);
                effects.Add($"notified {notification.EventType.WireName()} (message {messageId})");
            }
            catch
            {
                await idempotency.ReleaseAsync(key, monitor.HandlerName, claim.Token!, CancellationToken.None);
                throw;
            }
        }

        return outcome.Result with { Effects = effects };
    }
}
