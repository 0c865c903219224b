namespace Governance.Hosting.Metrics;

/// <summary>
/// The metrics a handler reports for the invocation it runs in; the runtime flushes them as CloudWatch Embedded
/// Metric Format documents once per invocation, before the result is posted. The seam Powertools for .NET's
/// metrics would replace.
/// </summary>
public interface IMetrics
{
    /// <summary>Adds a value of a metric (for example <c>NotificationsSent</c>, 1, Count) to the current invocation.</summary>
    void AddMetric(string name, double value, MetricUnit unit);

    /// <summary>
    /// Counts one event handled with the given outcome (<c>processed</c>, <c>ignored</c>, <c>rejected</c>,
    /// <c>failed</c>) in the current invocation.
    /// </summary>
    void AddOutcome(string outcome);
}

/// <summary>The CloudWatch units the service's metrics use.</summary>
public enum MetricUnit
{
    Count,
    Milliseconds,
}

/// <summary>One value of a metric added during an invocation.</summary>
public readonly record struct MetricValue(string Name, double Value, MetricUnit Unit);
