using Governance.Core.Events;

namespace Governance.Core.Processing;

/// <summary>
/// The domain work of one function for the events routed to it (a flow or a monitor): answers what became of the
/// event with its typed effects; throws to fail the invocation so the event is delivered again (or dead-lettered).
/// </summary>
public interface IDomainHandler
{
    /// <summary>The handler name (see <see cref="Routing.HandlerNames"/>).</summary>
    string HandlerName { get; }

    /// <param name="deadline">The invocation's deadline: claims taken for the event are in progress until then.</param>
    Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken);
}
