using Governance.Core.Notifications;
using Governance.Core.Processing;

namespace Governance.Core.Monitors;

/// <summary>
/// What a monitor answers for one event: the processing result to log and return, and the notifications the
/// caller publishes (the monitors never publish themselves). A duplicate or ignored event has none.
/// </summary>
public sealed record MonitorOutcome(ProcessingResult Result, IReadOnlyList<Notification> Notifications)
{
    public static MonitorOutcome Only(ProcessingResult result) => new(result, []);
}
