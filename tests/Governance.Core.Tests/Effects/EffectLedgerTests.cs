using System.Globalization;
using System.Text.Json;
using Governance.Core.Effects;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Local.Ports;
using Governance.Testing.Flows;
using Governance.Testing.Ledger;
using Governance.Core.Presentation.Notifications;

namespace Governance.Core.Tests.Effects;

public sealed partial class EffectLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly NodeRef Subject = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");

    private readonly ManualClock _clock = new(Start);
    private readonly InMemoryLedger _ledger;
    private readonly InMemoryEffectStore _claims;
    private readonly InMemoryNotifier _notifier = new();

    public EffectLedgerTests()
    {
        _ledger = new InMemoryLedger(_clock);
        _claims = new InMemoryEffectStore(_clock);
    }

    [Fact]
    public async Task HandleOnce_WhenDeliveredAgain_ShouldAnswerWhatTheFirstDeliveryDidAsAlreadyDoneWithoutRunningAgain()
    {
        var effects = Effects();
        var runs = 0;

        var first = await effects.HandleOnceAsync(Handling("event-1"), Deadline, async (scope, token) =>
        {
            runs++;
            await scope.AppendAsync(Draft("event-1"), [Alert("credit-risk/1")], null, token);
            return "recorded";
        }, CancellationToken.None);
        var second = await effects.HandleOnceAsync(Handling("event-1"), Deadline, (_, _) => throw new InvalidOperationException("must not run"), CancellationToken.None);

        Assert.Equal(1, runs);
        Assert.False(first.Replayed);
        Assert.Equal(
            [typeof(RecordAppended), typeof(NotificationQueued), typeof(NotificationSent)],
            first.Effects.Select(effect => effect.GetType()));
        Assert.True(second.Replayed);
        Assert.Equal("already handled: recorded", second.Reason);
        Assert.Empty(second.Effects);
        Assert.Equal(first.Effects, second.AlreadyDone);
        Assert.Single(_notifier.Published);
    }

    [Fact]
    public async Task HandleOnce_WhileAnotherInvocationHoldsTheEvent_ShouldFailRetryablyWithoutRunning()
    {
        var effects = Effects();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource<string>();
        var holding = effects.HandleOnceAsync(Handling("event-2"), Deadline, (_, _) =>
        {
            entered.SetResult();
            return release.Task;
        }, CancellationToken.None);
        await entered.Task;

        var busy = await Assert.ThrowsAsync<FlowFailedException>(() =>
            effects.HandleOnceAsync(Handling("event-2"), Deadline, (_, _) => throw new InvalidOperationException("must not run"), CancellationToken.None));
        release.SetResult("done");

        Assert.True(busy.Retryable);
        Assert.Equal("claim", busy.Step);
        Assert.Equal("done", (await holding).Reason);
    }

    [Fact]
    public async Task HandleOnce_WhenPublishingFailsMidway_ShouldPublishOnRedeliveryExactlyWhatWasPending()
    {
        var plan = new FaultPlan(2);
        var failing = new EffectLedger(_ledger, _claims, _ledger, FaultyPorts.Wrap(_notifier, plan), _clock);
        await Assert.ThrowsAsync<InjectedFaultException>(() => failing.HandleOnceAsync(Handling("event-3"), Deadline, RecordTwoAlertsAsync, CancellationToken.None));

        var redelivered = await Effects().HandleOnceAsync(Handling("event-3"), Deadline, RecordTwoAlertsAsync, CancellationToken.None);

        Assert.Equal(["credit-risk/1", "credit-risk/2"], _notifier.Published.Select(alert => alert.Subject.ModelPackageArn));
        Assert.False(redelivered.Replayed);
        var sentNow = Assert.Single(redelivered.Effects.OfType<NotificationSent>());
        Assert.Equal(Alert("credit-risk/2").Id, sentNow.NotificationId);
        Assert.Equal(Alert("credit-risk/1").Id, Assert.Single(redelivered.AlreadyDone.OfType<NotificationSent>()).NotificationId);
        Assert.Contains(redelivered.AlreadyDone, effect => effect is RecordAppended { RecordEventId: "event-3" });
        Assert.Empty(redelivered.Effects.OfType<NotificationQueued>());
    }

    [Fact]
    public void Queue_ShouldKeyEachNotificationByEventTypeAndModelVersionWhateverTheOrder()
    {
        var scope = Effects().Begin("event-4", Deadline);

        var first = scope.Queue(Subject, [Alert("credit-risk/1"), Alert("credit-risk/2")]);
        var reordered = scope.Queue(Subject, [Alert("credit-risk/2"), Alert("credit-risk/1"), Alert("credit-risk/2")]);

        Assert.Equal(
            [new EffectId("event-4", "notify:audit.alert", "credit-risk/1"), new EffectId("event-4", "notify:audit.alert", "credit-risk/2")],
            first.Select(message => message.Id));
        Assert.Equal(2, reordered.Count);
        Assert.True(first.Select(message => message.Id).ToHashSet().SetEquals(reordered.Select(message => message.Id)));
    }

    [Fact]
    public async Task Sweep_ShouldPublishWhatNoDeliveryDrainedOnceAndLeaveNothingPending()
    {
        var effects = Effects();
        await effects.Begin("event-5", Deadline).AppendAsync(Draft("event-5"), [Alert("credit-risk/1")], null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var swept = await effects.SweepAsync(_clock.GetUtcNow(), 10, CancellationToken.None);
        var again = await effects.SweepAsync(_clock.GetUtcNow(), 10, CancellationToken.None);

        Assert.Equal("audit.alert", Assert.Single(swept.OfType<NotificationSent>()).EventType);
        Assert.Empty(again);
        Assert.Single(_notifier.Published);
        Assert.Empty(await _ledger.PendingAsync(_clock.GetUtcNow(), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Drain_WhenTheReceiptWasCutOffAfterTheMessageWasMarkedSent_ShouldRecordItWithoutPublishingAgain()
    {
        var receipt = new NotificationReceipt(Subject, "event-6#notified", Start, null, null, null);
        var plan = new FaultPlan(0);
        var failing = new EffectLedger(FaultyPorts.Wrap(_ledger, plan), _claims, _ledger, _notifier, _clock);
        var scope = failing.Begin("event-6", Deadline);
        await scope.AppendAsync(Draft("event-6"), [Alert("credit-risk/1")], receipt, CancellationToken.None);
        plan.FailAt = plan.Steps + 1;
        await Assert.ThrowsAsync<InjectedFaultException>(() => scope.DrainAsync(CancellationToken.None));

        var again = Effects().Begin("event-6", Deadline);
        await again.DrainAsync(CancellationToken.None);

        Assert.Single(_notifier.Published);
        var published = Assert.Single(_ledger.AllRecords, record => record.Kind == EffectLedger.NotificationPublishedKind);
        Assert.Equal("message-1", published.Attributes["messageId"]);
        Assert.Contains(again.Done, effect => effect is RecordAppended { Kind: EffectLedger.NotificationPublishedKind });
        Assert.Contains(again.AlreadyDone, effect => effect is NotificationSent { MessageId: "message-1" });
    }

    [Fact]
    public async Task RunOnce_ShouldAnswerTheObjectItComputedAndOnlyAReplayDeserialises()
    {
        var scope = Effects().Begin("event-7", Deadline);
        var copy = new ArtifactCopy("s3://team/a", "s3://central/a", new string('a', 64), 3);
        var id = new EffectId("event-7", "artifact.copy", "a");

        var first = await scope.RunOnceAsync(id, JsonContext.Default.ArtifactCopy, _ => Task.FromResult(copy), CancellationToken.None);
        var second = await scope.RunOnceAsync(id, JsonContext.Default.ArtifactCopy, _ => throw new InvalidOperationException("must not run"), CancellationToken.None);

        Assert.Same(copy, first.Value);
        Assert.False(first.Replayed);
        Assert.Equal(copy, second.Value);
        Assert.NotSame(copy, second.Value);
        Assert.True(second.Replayed);
    }

    [Fact]
    public void OutboxForm_ShouldKeepTheNotificationIdSubscribersDropRepeatsBy()
    {
        var notification = Alert("credit-risk/1") with
        {
            Summary = "Zugriff verweigert für „Modell“ <script> & 'quotes' \u2028",
            Details = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["reason"] = "naïve + é ✓ \"quoted\"" }),
        };

        var stored = JsonSerializer.Serialize(notification, EffectJsonContext.Default.Notification);
        var read = JsonSerializer.Deserialize(stored, EffectJsonContext.Default.Notification)!;

        Assert.Equal(notification.Id, read.Id);
        Assert.Equal(notification.Subject, read.Subject);
        Assert.Equal(notification.Severity, read.Severity);
    }

    private static DateTimeOffset Deadline => Start.AddMinutes(5);

    private EffectLedger Effects() => new(_ledger, _claims, _ledger, _notifier, _clock);

    private static EffectId Handling(string eventId) => new(eventId, "Test", Subject.ToString());

    private static async Task<string> RecordTwoAlertsAsync(EffectScope scope, CancellationToken cancellationToken)
    {
        await scope.AppendAsync(Draft(scope.EventId), [Alert("credit-risk/1"), Alert("credit-risk/2")], null, cancellationToken);
        return "two alerts";
    }

    private static LedgerEventDraft Draft(string eventId) =>
        new(Subject, eventId, "audit.UpdateEndpoint", Start, null, "123456789012", null, new Dictionary<string, string>());

    private static Notification Alert(string version) => new(
        NotificationEventType.AuditAlert,
        Severity.Critical,
        Start,
        new ModelSubject("credit", "credit-risk", int.Parse(version[^1..], CultureInfo.InvariantCulture), version, "111111111111"),
        "alert on " + version,
        "summary",
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["version"] = version }),
        "/models/credit-risk",
        "/models/credit-risk/timeline");

    /// <summary>The flows' typed results, for a scope outside the flows.</summary>
    [System.Text.Json.Serialization.JsonSerializable(typeof(ArtifactCopy))]
    private sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
}
