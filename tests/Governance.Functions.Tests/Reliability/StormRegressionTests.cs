using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Functions.Tests.Support;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;

namespace Governance.Functions.Tests.Reliability;

/// <summary>Races the storms found, replayed deterministically in memory.</summary>
public sealed class StormRegressionTests
{
    [Fact]
    public async Task TwoViolations_EvaluatedConcurrentlyOnAResolvedResource_ShouldNotifyTheChangeOnce()
    {
        var ledger = new InMemoryLedger();
        var reader = new TimelineBarrier(ledger, participants: 2);
        var settings = MonitorSettingsLoader.Load(await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "monitors.json")));
        var notifier = new InMemoryNotifier();
        var effects = new EffectLedger(ledger, new InMemoryEffectStore(), ledger, notifier, TimeProvider.System);
        var monitor = new ComplianceMonitor(effects, reader, new ModelPackages(ledger, FlowBed.CentralAccount), settings);
        var events = new StormEvents(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero), FlowBed.CentralAccount);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        await monitor.HandleAsync(Parse(events.Compliance("compliant", "fraud-endpoint", "COMPLIANT", null, 8)), deadline, CancellationToken.None);

        // Both read the chain before either appends: each alone would see itself opening the violation.
        reader.Arm();
        await Task.WhenAll(
            monitor.HandleAsync(Parse(events.Compliance("non-compliant", "fraud-endpoint", "NON_COMPLIANT", "no KMS key", 9)), deadline, CancellationToken.None),
            monitor.HandleAsync(Parse(events.Compliance("still-non-compliant", "fraud-endpoint", "NON_COMPLIANT", "still no KMS key", 10)), deadline, CancellationToken.None));

        var notification = Assert.Single(notifier.Published);
        Assert.Equal(NotificationEventType.ComplianceViolation, notification.EventType);
        Assert.Single((await ledger.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items);
    }

    private static ParsedEvent Parse(StormEvent stormEvent) => Assert.IsType<ParsedEvent>(EventParser.Parse(stormEvent.Payload));

    /// <summary>Once armed, holds the next timeline reads until <paramref name="participants"/> of them are waiting, then lets all through.</summary>
    private sealed class TimelineBarrier(ILedgerReader inner, int participants) : ILedgerReader
    {
        private TaskCompletionSource? _all;
        private int _waiting;

        public void Arm()
        {
            _waiting = 0;
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task<LedgerPage<LedgerRecord>> GetTimelineAsync(NodeRef subject, PageRequest page, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _all) is { } all)
            {
                if (Interlocked.Increment(ref _waiting) >= participants)
                {
                    Volatile.Write(ref _all, null);
                    all.SetResult();
                }

                await all.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            return await inner.GetTimelineAsync(subject, page, cancellationToken);
        }

        public Task<LedgerNode?> GetNodeAsync(NodeRef node, CancellationToken cancellationToken) => inner.GetNodeAsync(node, cancellationToken);

        public Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(string account, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetOpenViolationsAsync(account, page, cancellationToken);

        public Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(
            string account, DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetAccountActivityAsync(account, since, until, page, cancellationToken);

        public Task<LedgerPage<LineageStep>> GetLineageAsync(LineageQuery query, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetLineageAsync(query, page, cancellationToken);

        public Task<LedgerPage<LedgerEdge>> GetNeighboursAsync(
            NodeRef node, LineageDirection direction, string? nodeType, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetNeighboursAsync(node, direction, nodeType, page, cancellationToken);

        public Task<CurrentLink?> GetCurrentAsync(NodeRef subject, string relation, CancellationToken cancellationToken) =>
            inner.GetCurrentAsync(subject, relation, cancellationToken);

        public Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(string account, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetAccountActivityAsync(account, page, cancellationToken);

        public Task<LedgerPage<LedgerRecord>> GetGroupActivityAsync(string modelPackageGroup, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetGroupActivityAsync(modelPackageGroup, page, cancellationToken);

        public Task<LedgerPage<LedgerRecord>> GetActivityAsync(DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetActivityAsync(since, until, page, cancellationToken);

        public Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(PageRequest page, CancellationToken cancellationToken) =>
            inner.GetOpenViolationsAsync(page, cancellationToken);
    }
}
