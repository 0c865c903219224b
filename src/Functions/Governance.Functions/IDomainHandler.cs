using Governance.Core.Events;
using Governance.Core.Processing;
using Governance.Hosting;

namespace Governance.Functions;

/// <summary>
/// The domain work of one function, for events the router gave it. Answers the result (with its effects);
/// throws to fail the invocation so the event is delivered again (or dead-lettered).
/// </summary>
public interface IDomainHandler
{
    Task<ProcessingResult> HandleAsync(ParsedEvent parsed, InvocationContext context, CancellationToken cancellationToken);
}
