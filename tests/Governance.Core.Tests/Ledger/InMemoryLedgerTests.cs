using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Local.Ports;
using Governance.Testing.Ledger;

namespace Governance.Core.Tests.Ledger;

/// <summary>The in-memory fake other teams' handler tests use keeps the adapter's semantics.</summary>
public sealed class InMemoryLedgerTests
{
    private static readonly NodeRef Subject = new(NodeTypes.Endpoint, "churn");
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Append_SameEventTwice_ShouldKeepOneRecordInAValidChain()
    {
        var ledger = new InMemoryLedger(new ManualClock(Start));

        await ledger.AppendAsync(Draft("a"), CancellationToken.None);
        var first = await ledger.AppendAsync(Draft("b"), CancellationToken.None);
        var again = await ledger.AppendAsync(Draft("b"), CancellationToken.None);

        Assert.Same(first, again);
        var chain = await ledger.ReadChainAsync(Subject, CancellationToken.None);
        Assert.Equal(2, chain.Records.Count);
        Assert.Empty(ChainVerifier.Verify(chain));
    }

    [Fact]
    public async Task Timeline_ShouldPageAndRefuseAnotherQuerysToken()
    {
        var ledger = new InMemoryLedger(new ManualClock(Start));
        foreach (var id in new[] { "a", "b", "c" })
        {
            await ledger.AppendAsync(Draft(id), CancellationToken.None);
        }

        var first = await ledger.GetTimelineAsync(Subject, new PageRequest(2), CancellationToken.None);
        var second = await ledger.GetTimelineAsync(Subject, new PageRequest(2, first.NextPageToken), CancellationToken.None);

        Assert.Equal(["a", "b", "c"], first.Items.Concat(second.Items).Select(record => record.EventId));
        Assert.Null(second.NextPageToken);
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            ledger.GetTimelineAsync(new NodeRef(NodeTypes.Endpoint, "other"), new PageRequest(2, first.NextPageToken), CancellationToken.None));
    }

    [Fact]
    public async Task EffectStore_ShouldReturnTheRecordedResultToADuplicate()
    {
        var clock = new ManualClock(Start);
        var store = new InMemoryEffectStore(clock);
        var id = new EffectId("e", "h", "s");

        var claim = await store.TryBeginAsync(id, Start.AddSeconds(10), CancellationToken.None);
        var busy = await store.TryBeginAsync(id, Start.AddSeconds(10), CancellationToken.None);
        await store.CompleteAsync(id, claim.Token!, "ok", CancellationToken.None);
        var duplicate = await store.TryBeginAsync(id, Start.AddSeconds(10), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.InProgress, busy.Status);
        Assert.Equal((EffectClaimStatus.AlreadyCompleted, "ok"), (duplicate.Status, duplicate.Result));
    }

    private static LedgerEventDraft Draft(string eventId) =>
        new(Subject, eventId, "audit.test", Start, null, null, null, new Dictionary<string, string>());
}
