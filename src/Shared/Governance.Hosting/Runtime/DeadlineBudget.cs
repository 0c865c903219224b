namespace Governance.Hosting.Runtime;

/// <summary>When to cancel a handler so that an error can still be posted before Lambda's deadline.</summary>
internal static class DeadlineBudget
{
    /// <summary>
    /// The time the handler may run: what is left minus the safety margin, where the margin never takes
    /// more than a quarter of what is left (a 1 s deadline still gives the handler 750 ms).
    /// </summary>
    public static TimeSpan CancelAfter(TimeSpan remaining, TimeSpan safetyMargin)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var margin = TimeSpan.FromTicks(Math.Clamp(safetyMargin.Ticks, 0, remaining.Ticks / 4));
        return remaining - margin;
    }
}
