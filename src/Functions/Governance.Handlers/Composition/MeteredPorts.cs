using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Ledger.Anchoring;
using Governance.Core.Notifications;
using Governance.Handlers.Settings;
using Governance.Hosting.Metrics;

namespace Governance.Handlers.Composition;

/// <summary>The metric names the ports report, per function (<c>service</c>, <c>function_name</c>).</summary>
public static class PortMetrics
{
    /// <summary>Notifications SNS accepted (Count).</summary>
    public const string NotificationsSent = "NotificationsSent";

    /// <summary>Records appended to a subject's hash chain, repeats of an already appended event included (Count).</summary>
    public const string LedgerAppends = "LedgerAppends";
}

/// <summary>
/// The ports of <paramref name="inner"/> with the ledger writer and the notifier counted (<see cref="PortMetrics"/>),
/// whichever flow or monitor uses them and whether a notification goes out at once or from the outbox later.
/// </summary>
public sealed class MeteredPortFactory(IPortFactory inner, IMetrics metrics) : IPortFactory
{
    public LedgerPorts Ledger(LedgerOptions options)
    {
        var ports = inner.Ledger(options);
        return ports with { Writer = new MeteredLedgerWriter(ports.Writer, metrics), Notifier = new MeteredNotifier(ports.Notifier, metrics) };
    }

    public RegistryPorts Registry(RegistrySyncOptions options) => inner.Registry(options);

    public IPipelineLauncher Launcher() => inner.Launcher();

    public ICentralRegistry CentralRegistry() => inner.CentralRegistry();

    public LedgerAnchoring Anchoring(LedgerAnchorOptions options) => inner.Anchoring(options);
}

/// <summary>Counts each notification the notifier published as <see cref="PortMetrics.NotificationsSent"/>.</summary>
public sealed class MeteredNotifier(INotifier inner, IMetrics metrics) : INotifier
{
    public async Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        var messageId = await inner.PublishAsync(notification, cancellationToken).ConfigureAwait(false);
        metrics.AddMetric(PortMetrics.NotificationsSent, 1, MetricUnit.Count);
        return messageId;
    }
}

/// <summary>Counts each chain append the ledger accepted (appended, or found already there) as <see cref="PortMetrics.LedgerAppends"/>.</summary>
public sealed class MeteredLedgerWriter(ILedgerWriter inner, IMetrics metrics) : ILedgerWriter
{
    public Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken) => inner.RecordNodeAsync(node, cancellationToken);

    public Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken) => inner.RecordEdgeAsync(edge, cancellationToken);

    public async Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(append, cancellationToken).ConfigureAwait(false);
        if (result.Status != ChainAppendStatus.HeadMoved)
        {
            metrics.AddMetric(PortMetrics.LedgerAppends, 1, MetricUnit.Count);
        }

        return result;
    }

    public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken) => inner.SetCurrentAsync(link, cancellationToken);

    public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken) => inner.SetViolationAsync(state, cancellationToken);
}
