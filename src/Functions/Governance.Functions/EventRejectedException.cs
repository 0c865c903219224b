using Governance.Core.Events;

namespace Governance.Functions;

/// <summary>
/// The payload is not a usable event. Thrown so the invocation fails: Lambda then retries it and, once the
/// retries are spent, hands it with this message to the function's on-failure destination (the DLQ).
/// </summary>
public sealed class EventRejectedException : Exception
{
    public EventRejectedException(RejectedEvent rejected)
        : base(Describe(rejected)) => Rejected = rejected;

    public RejectedEvent Rejected { get; }

    private static string Describe(RejectedEvent rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return rejected.EventId is null ? $"event rejected: {rejected.Reason}" : $"event {rejected.EventId} rejected: {rejected.Reason}";
    }
}
