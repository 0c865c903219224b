using Governance.Core.Events;
using Governance.Core.Processing;

namespace Governance.Handlers;

/// <summary>
/// The payload is not a usable event, or a handler found it unusable (a <see cref="ProcessingOutcome.Failed"/>
/// result: no time to order it by, an id that cannot name a record). Thrown so the invocation fails: Lambda then retries it and, once the
/// retries are spent, hands it with this message to the function's on-failure destination (the DLQ).
/// </summary>
public sealed class EventRejectedException : Exception
{
    public EventRejectedException(RejectedEvent rejected)
        : base(Describe(rejected)) => Rejected = rejected;

    public EventRejectedException(ProcessingResult result)
        : this(new RejectedEvent(
            (result ?? throw new ArgumentNullException(nameof(result))).Reason ?? "the handler could not process it",
            result.EventId,
            result.Source,
            result.DetailType))
    {
    }

    public RejectedEvent Rejected { get; }

    private static string Describe(RejectedEvent rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return rejected.EventId is null ? $"event rejected: {rejected.Reason}" : $"event {rejected.EventId} rejected: {rejected.Reason}";
    }
}
