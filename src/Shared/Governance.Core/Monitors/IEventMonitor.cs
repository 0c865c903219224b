using Governance.Core.Events;

namespace Governance.Core.Monitors;

/// <summary>A handler that records what an event says in the ledger and says which notifications to send.</summary>
public interface IEventMonitor
{
    /// <summary>The handler name (see <see cref="Routing.HandlerNames"/>).</summary>
    string HandlerName { get; }

    Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken);
}
