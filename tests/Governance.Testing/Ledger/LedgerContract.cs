using System.Text.Json;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Xunit;
using Governance.Core.Presentation.Notifications;

namespace Governance.Testing.Ledger;

/// <summary>A ledger under contract: its ports over one fresh, empty store, all on the contract's clock.</summary>
public sealed record LedgerUnderTest(ILedgerWriter Writer, ILedgerReader Reader, ILedgerChains Chains, IOutbox Outbox, IEffectStore Claims);

/// <summary>
/// What every ledger must do, whatever stores it: the in-memory fake the handler tests run on and the DynamoDB
/// adapter the functions run on each derive from this class, so the fake cannot drift from the adapter unseen.
/// </summary>
public abstract class LedgerContract
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly NodeRef Subject = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");

    protected ManualClock Clock { get; } = new(Start);

    /// <summary>The ledger under test over a fresh, empty store, reading <see cref="Clock"/>.</summary>
    protected abstract Task<LedgerUnderTest> CreateAsync();

    [Fact]
    public async Task Append_ShouldNumberTheRecordsLinkEachToThePreviousHashAndKeepTheChainVerifiable()
    {
        var ledger = await CreateAsync();

        var appended = new List<LedgerRecord>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            appended.Add(await ledger.Writer.AppendAsync(Draft(id), CancellationToken.None));
        }

        var chain = await ledger.Chains.ReadChainAsync(Subject, CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], chain.Records.Select(record => record.Sequence));
        Assert.Equal([ChainHash.Genesis, appended[0].Hash, appended[1].Hash], chain.Records.Select(record => record.PreviousHash));
        Assert.Equal(new ChainHead(Subject, 3, appended[2].Hash), chain.Head);
        Assert.Empty(ChainVerifier.Verify(chain));
    }

    [Fact]
    public async Task Append_WhenTheEventIdIsAlreadyInTheChain_ShouldAnswerTheRecordedOneAndQueueNothingMore()
    {
        var ledger = await CreateAsync();
        var first = await ledger.Writer.AppendAsync(new ChainAppend(Draft("e1")) { Outbox = [Message("e1", "credit-risk/1")] }, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var again = await ledger.Writer.AppendAsync(
            new ChainAppend(Draft("e1") with { Kind = "audit.Other" }) { Outbox = [Message("e1", "credit-risk/1"), Message("e1", "credit-risk/2")] },
            CancellationToken.None);

        Assert.Equal(ChainAppendStatus.Appended, first.Status);
        Assert.Equal(ChainAppendStatus.AlreadyRecorded, again.Status);
        Assert.Equal((first.Record!.Sequence, first.Record.Hash), (again.Record!.Sequence, again.Record.Hash));
        Assert.Equal(["credit-risk/1"], (await ledger.Outbox.ForEventAsync("e1", CancellationToken.None)).Select(entry => entry.Message.Id.Subject));
        Assert.Single((await ledger.Chains.ReadChainAsync(Subject, CancellationToken.None)).Records);
    }

    [Fact]
    public async Task Append_WithOutboxMessages_ShouldQueueThemPendingWithTheRecordFindableByEvent()
    {
        var ledger = await CreateAsync();

        await ledger.Writer.AppendAsync(new ChainAppend(Draft("e2")) { Outbox = [Message("e2", "credit-risk/1"), Message("e2", "credit-risk/2")] }, CancellationToken.None);

        var queued = await ledger.Outbox.ForEventAsync("e2", CancellationToken.None);
        Assert.Equal(["credit-risk/1", "credit-risk/2"], queued.Select(entry => entry.Message.Id.Subject).Order(StringComparer.Ordinal));
        Assert.All(queued, entry => Assert.False(entry.IsSent));
        Assert.All(queued, entry => Assert.Equal(Start, entry.QueuedAt));
        var stored = queued.Single(entry => entry.Message.Id.Subject == "credit-risk/2").Message;
        Assert.Equal(Alert("credit-risk/2").Id, stored.Notification.Id);
        Assert.Equal(Receipt("e2"), stored.Receipt);
        Assert.Empty(await ledger.Outbox.ForEventAsync("another-event", CancellationToken.None));
    }

    [Fact]
    public async Task Append_AfterAnExpectedHead_ShouldAppendOnlyWhileThatHeadIsTheLastRecord()
    {
        var ledger = await CreateAsync();
        var empty = await ledger.Writer.AppendAsync(new ChainAppend(Draft("x1")) { After = new ExpectedHead(null) }, CancellationToken.None);
        var head = new ChainHead(Subject, 1, empty.Stored.Hash);
        var next = await ledger.Writer.AppendAsync(new ChainAppend(Draft("x2")) { After = new ExpectedHead(head) }, CancellationToken.None);

        var stale = await ledger.Writer.AppendAsync(
            new ChainAppend(Draft("x3")) { After = new ExpectedHead(head), Outbox = [Message("x3", "credit-risk/1")] }, CancellationToken.None);
        var staleEmpty = await ledger.Writer.AppendAsync(new ChainAppend(Draft("x4")) { After = new ExpectedHead(null) }, CancellationToken.None);

        Assert.Equal(ChainAppendStatus.Appended, empty.Status);
        Assert.Equal(ChainAppendStatus.Appended, next.Status);
        Assert.Equal((ChainAppendStatus.HeadMoved, (LedgerRecord?)null), (stale.Status, stale.Record));
        Assert.Equal(ChainAppendStatus.HeadMoved, staleEmpty.Status);
        Assert.Equal(2, (await ledger.Chains.ReadChainAsync(Subject, CancellationToken.None)).Records.Count);
        Assert.Empty(await ledger.Outbox.ForEventAsync("x3", CancellationToken.None));
    }

    [Fact]
    public async Task MarkSent_ShouldRecordTheFirstMessageIdOnceAndTakeTheMessageOutOfThePendingOnes()
    {
        var ledger = await CreateAsync();
        await ledger.Writer.AppendAsync(new ChainAppend(Draft("e3")) { Outbox = [Message("e3", "credit-risk/1"), Message("e3", "credit-risk/2")] }, CancellationToken.None);
        var id = Message("e3", "credit-risk/1").Id;

        var marked = await ledger.Outbox.MarkSentAsync(id, "message-1", Start.AddSeconds(1), CancellationToken.None);
        var markedAgain = await ledger.Outbox.MarkSentAsync(id, "message-2", Start.AddSeconds(2), CancellationToken.None);
        var unknown = await ledger.Outbox.MarkSentAsync(Message("e3", "credit-risk/9").Id, "message-3", Start.AddSeconds(2), CancellationToken.None);

        Assert.Equal((true, false, false), (marked, markedAgain, unknown));
        var entries = await ledger.Outbox.ForEventAsync("e3", CancellationToken.None);
        Assert.Equal("message-1", entries.Single(entry => entry.Message.Id == id).MessageId);
        Assert.Equal(["credit-risk/2"], (await ledger.Outbox.PendingAsync(Start.AddMinutes(1), 10, CancellationToken.None)).Select(entry => entry.Message.Id.Subject));
    }

    [Fact]
    public async Task Pending_ShouldListTheOldestPendingMessagesQueuedBeforeTheInstantUpToTheLimit()
    {
        var ledger = await CreateAsync();
        foreach (var eventId in new[] { "p1", "p2", "p3" })
        {
            await ledger.Writer.AppendAsync(new ChainAppend(Draft(eventId)) { Outbox = [Message(eventId, "credit-risk/1")] }, CancellationToken.None);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var beforeThird = await ledger.Outbox.PendingAsync(Start.AddMinutes(2), 10, CancellationToken.None);
        var oldest = await ledger.Outbox.PendingAsync(Start.AddMinutes(10), 1, CancellationToken.None);

        Assert.Equal(["p1", "p2"], beforeThird.Select(entry => entry.Message.Id.Cause));
        Assert.Equal(["p1"], oldest.Select(entry => entry.Message.Id.Cause));
    }

    [Fact]
    public async Task RecordNodeAndEdge_ShouldKeepTheFirstRecordingAndSayWhetherThisOneWrote()
    {
        var ledger = await CreateAsync();
        var model = new NodeRef(NodeTypes.Model, "arn:aws:sagemaker:us-east-1:123456789012:model/churn");
        var first = new LedgerNode(model, "123456789012", null, new Dictionary<string, string> { ["name"] = "first" }, Start);

        var recorded = await ledger.Writer.RecordNodeAsync(first, CancellationToken.None);
        var again = await ledger.Writer.RecordNodeAsync(first with { Attributes = new Dictionary<string, string> { ["name"] = "second" } }, CancellationToken.None);
        var edge = new LedgerEdge(model, Relations.UsedBy, Subject, Start, "e4");
        var linked = await ledger.Writer.RecordEdgeAsync(edge, CancellationToken.None);
        var linkedAgain = await ledger.Writer.RecordEdgeAsync(edge with { EventId = "e5" }, CancellationToken.None);

        Assert.Equal((true, false, true, false), (recorded, again, linked, linkedAgain));
        Assert.Equal("first", (await ledger.Reader.GetNodeAsync(model, CancellationToken.None))!.Attributes["name"]);
        var upstream = await ledger.Reader.GetNeighboursAsync(Subject, LineageDirection.Upstream, null, new PageRequest(), CancellationToken.None);
        Assert.Equal("e4", Assert.Single(upstream.Items).EventId);
    }

    [Fact]
    public async Task SetCurrentAndViolation_ShouldKeepTheLatestChangeWhateverTheOrderOfArrival()
    {
        var ledger = await CreateAsync();
        var v1 = new NodeRef(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");
        var v2 = new NodeRef(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/2");
        var violation = new NodeRef(NodeTypes.Violation, "rule|AWS::SageMaker::Endpoint|churn|123456789012|us-east-1");

        await ledger.Writer.SetCurrentAsync(new CurrentLink(Subject, Relations.Runs, v2, Start.AddMinutes(2), "later"), CancellationToken.None);
        await ledger.Writer.SetCurrentAsync(new CurrentLink(Subject, Relations.Runs, v1, Start.AddMinutes(1), "earlier"), CancellationToken.None);
        await ledger.Writer.SetViolationAsync(new ViolationState(violation, Subject, "rule", "high", "123456789012", ViolationStatus.Open, Start.AddMinutes(2), "open"), CancellationToken.None);
        await ledger.Writer.SetViolationAsync(new ViolationState(violation, Subject, "rule", "high", "123456789012", ViolationStatus.Resolved, Start.AddMinutes(1), "stale"), CancellationToken.None);

        Assert.Equal(v2, (await ledger.Reader.GetCurrentAsync(Subject, Relations.Runs, CancellationToken.None))!.Target);
        Assert.Equal("open", Assert.Single((await ledger.Reader.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items).EventId);
    }

    [Fact]
    public async Task SetViolation_ShouldKeepWhatTheRuleSaidOfTheResource()
    {
        var ledger = await CreateAsync();
        var violation = new NodeRef(NodeTypes.Violation, "rule|AWS::SageMaker::Endpoint|churn|123456789012|us-east-1");

        await ledger.Writer.SetViolationAsync(
            new ViolationState(violation, Subject, "rule", "high", "123456789012", ViolationStatus.Open, Start, "e1") { Annotation = "no KMS key" }, CancellationToken.None);

        Assert.Equal("no KMS key", Assert.Single((await ledger.Reader.GetOpenViolationsAsync("123456789012", new PageRequest(), CancellationToken.None)).Items).Annotation);
    }

    [Fact]
    public async Task OpenViolations_OfOneAccount_ShouldPageThroughThatAccountsOnly()
    {
        var ledger = await CreateAsync();
        foreach (var (account, minute, id) in new[] { ("111111111111", 1, "a1"), ("222222222222", 2, "b1"), ("111111111111", 3, "a2") })
        {
            var violation = new NodeRef(NodeTypes.Violation, $"rule|AWS::SageMaker::Endpoint|{id}|{account}|us-east-1");
            await ledger.Writer.SetViolationAsync(new ViolationState(violation, Subject, "rule", "high", account, ViolationStatus.Open, Start.AddMinutes(minute), id), CancellationToken.None);
        }

        var first = await ledger.Reader.GetOpenViolationsAsync("111111111111", new PageRequest(1), CancellationToken.None);
        var second = await ledger.Reader.GetOpenViolationsAsync("111111111111", new PageRequest(1, first.NextPageToken), CancellationToken.None);
        IReadOnlyList<ViolationState> rest = second.NextPageToken is { } token
            ? (await ledger.Reader.GetOpenViolationsAsync("111111111111", new PageRequest(1, token), CancellationToken.None)).Items
            : [];

        Assert.Equal(["a1", "a2"], first.Items.Concat(second.Items).Select(state => state.EventId));
        Assert.Empty(rest);
        Assert.Equal(["b1"], (await ledger.Reader.GetOpenViolationsAsync("222222222222", new PageRequest(), CancellationToken.None)).Items.Select(state => state.EventId));
        Assert.Equal(3, (await ledger.Reader.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task AccountActivity_InATimeRange_ShouldHoldThatAccountsRecordsFromTheStartUpToTheEnd()
    {
        var ledger = await CreateAsync();
        foreach (var (account, minute, id) in new[] { ("123456789012", 0, "before"), ("123456789012", 1, "from"), ("222222222222", 1, "other"), ("123456789012", 2, "inside"), ("123456789012", 3, "until") })
        {
            await ledger.Writer.AppendAsync(Draft(id) with { Account = account, OccurredAt = Start.AddMinutes(minute) }, CancellationToken.None);
        }

        var records = await ledger.Reader.GetAccountActivityAsync("123456789012", Start.AddMinutes(1), Start.AddMinutes(3), new PageRequest(), CancellationToken.None);

        Assert.Equal(["from", "inside"], records.Items.Select(record => record.EventId));
    }

    [Fact]
    public async Task Timeline_ShouldPageInSequenceOrderWithTokensBoundToTheirQuery()
    {
        var ledger = await CreateAsync();
        foreach (var id in new[] { "t1", "t2", "t3" })
        {
            await ledger.Writer.AppendAsync(Draft(id), CancellationToken.None);
        }

        var first = await ledger.Reader.GetTimelineAsync(Subject, new PageRequest(2), CancellationToken.None);
        var second = await ledger.Reader.GetTimelineAsync(Subject, new PageRequest(2, first.NextPageToken), CancellationToken.None);

        Assert.Equal(["t1", "t2", "t3"], first.Items.Concat(second.Items).Select(record => record.EventId));
        Assert.Null(second.NextPageToken);
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            ledger.Reader.GetTimelineAsync(new NodeRef(NodeTypes.Endpoint, "other"), new PageRequest(2, first.NextPageToken), CancellationToken.None));
    }

    [Fact]
    public async Task Claims_ShouldLetOneInvocationActKeepItsResultAndLetAnotherTakeOverOnlyAfterTheDeadline()
    {
        var ledger = await CreateAsync();
        var id = new EffectId("e6", "artifact.copy", "111111111111/credit-risk/3/model-data/model.tar.gz");

        var crashed = await ledger.Claims.TryBeginAsync(id, Start.AddSeconds(30), CancellationToken.None);
        var busy = await ledger.Claims.TryBeginAsync(id, Start.AddSeconds(30), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(31));
        var retry = await ledger.Claims.TryBeginAsync(id, Start.AddSeconds(90), CancellationToken.None);
        var stale = await ledger.Claims.CompleteAsync(id, crashed.Token!, "late", CancellationToken.None);
        var completed = await ledger.Claims.CompleteAsync(id, retry.Token!, "done", CancellationToken.None);
        var duplicate = await ledger.Claims.TryBeginAsync(id, Start.AddSeconds(90), CancellationToken.None);
        var other = await ledger.Claims.TryBeginAsync(id with { }, Start.AddSeconds(90), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, crashed.Status);
        Assert.Equal((EffectClaimStatus.InProgress, Start.AddSeconds(30)), (busy.Status, busy.InProgressUntil));
        Assert.Equal(EffectClaimStatus.Acquired, retry.Status);
        Assert.Equal((false, true), (stale, completed));
        Assert.Equal((EffectClaimStatus.AlreadyCompleted, "done"), (duplicate.Status, duplicate.Result));
        Assert.Equal(EffectClaimStatus.AlreadyCompleted, other.Status);
    }

    [Fact]
    public async Task Claims_ReleasedAfterAFailure_ShouldLetTheNextInvocationActAtOnce()
    {
        var ledger = await CreateAsync();
        var id = new EffectId("e7", "pipeline.start", "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");

        var failed = await ledger.Claims.TryBeginAsync(id, Start.AddMinutes(5), CancellationToken.None);
        await ledger.Claims.ReleaseAsync(id, failed.Token!, CancellationToken.None);
        var next = await ledger.Claims.TryBeginAsync(id, Start.AddMinutes(5), CancellationToken.None);
        var otherSubject = await ledger.Claims.TryBeginAsync(new EffectId("e7", "pipeline.start", "another"), Start.AddMinutes(5), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, next.Status);
        Assert.NotEqual(failed.Token, next.Token);
        Assert.Equal(EffectClaimStatus.Acquired, otherSubject.Status);
    }

    private static LedgerEventDraft Draft(string eventId) =>
        new(Subject, eventId, "audit.UpdateEndpoint", Start, "arn:aws:iam::123456789012:role/intern", "123456789012", "credit-risk",
            new Dictionary<string, string> { ["eventName"] = "UpdateEndpoint" });

    private static OutboxMessage Message(string eventId, string version) =>
        new(new EffectId(eventId, "notify:audit.alert", version), Alert(version), Receipt(eventId));

    private static NotificationReceipt Receipt(string eventId) =>
        new(Subject, eventId + "#notified", Start, "arn:aws:iam::123456789012:role/intern", "123456789012", "credit-risk");

    private static Notification Alert(string version) => new(
        NotificationEventType.AuditAlert,
        Severity.Critical,
        Start,
        new ModelSubject("credit", "credit-risk", 1, version, "111111111111"),
        "Endpoint updated outside the deployment roles",
        "churn was updated by arn:aws:iam::123456789012:role/intern",
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["reason"] = "naïve ✓ \"quoted\"" }),
        "/models/credit-risk",
        "/models/credit-risk/timeline");
}
