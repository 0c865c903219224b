using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Hosting.Metrics;

namespace Governance.Functions;

/// <summary>The metric names the ports report, per function (<c>service</c>, <c>function_name</c>).</summary>
public static class PortMetrics
{
    /// <summary>Notifications SNS accepted (Count).</summary>
    public const string NotificationsSent = "NotificationsSent";

    /// <summary>Records appended to a subject's hash chain, repeats of an already appended event included (Count).</summary>
    public const string LedgerAppends = "LedgerAppends";
}

/// <summary>Counts each notification the notifier published as <see cref="PortMetrics.NotificationsSent"/>.</summary>
public sealed class MeteredNotifier(INotifier inner, IMetrics metrics) : INotifier
{
    public async Task<string> PublishAsync(Core.Notifications.Notification notification, CancellationToken cancellationToken)
    {
        var messageId = await inner.PublishAsync(notification, cancellationToken);
        metrics.AddMetric(PortMetrics.NotificationsSent, 1, MetricUnit.Count);
        return messageId;
    }
}

/// <summary>Counts each chain append the ledger accepted as <see cref="PortMetrics.LedgerAppends"/>.</summary>
public sealed class MeteredLedgerWriter(ILedgerWriter inner, IMetrics metrics) : ILedgerWriter
{
    public Task RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken) => inner.RecordNodeAsync(node, cancellationToken);

    public Task RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken) => inner.RecordEdgeAsync(edge, cancellationToken);

    public async Task<LedgerRecord> AppendAsync(LedgerEventDraft draft, CancellationToken cancellationToken)
    {
        var record = await inner.AppendAsync(draft, cancellationToken);
        metrics.AddMetric(PortMetrics.LedgerAppends, 1, MetricUnit.Count);
        return record;
    }

    public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken) => inner.SetCurrentAsync(link, cancellationToken);

    public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken) => inner.SetViolationAsync(state, cancellationToken);
}
