using Governance.Aws.Ledger;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Testing;
using Governance.Testing.Aws;
using Governance.Testing.Faults;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// The idempotency store when DynamoDB applies a conditional write but its answer is lost and the SDK retries it:
/// the retry fails its condition against the write it made itself, which must not read as someone else's claim.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FaultsLostAnswerTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private readonly string _table = MotoServer.UniqueName("idem");
    private FaultProxy _proxy = null!;
    private RecordingDynamoDb _direct = null!;
    private RecordingDynamoDb _proxied = null!;

    public async Task InitializeAsync()
    {
        _proxy = await FaultProxy.StartAsync(moto.Endpoint);
        _direct = new RecordingDynamoDb(moto.Endpoint);
        _proxied = new RecordingDynamoDb(_proxy.Endpoint);
        await LedgerTableDefinition.CreateAsync(_direct, _table, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    public void Dispose()
    {
        _proxied.Dispose();
        _direct.Dispose();
    }

    [Fact]
    public async Task TryBegin_WhenTheAnswerToItsClaimIsLost_ShouldRecogniseItsOwnClaimOnRetry()
    {
        var store = new DynamoDbEffectStore(_proxied, _table, TimeProvider.System);
        _proxy.TriggerAt(_proxy.Count + 1, RequestPhase.AfterForwarding, static () => { });

        var claim = await store.TryBeginAsync(new EffectId("event-1", "RegistrySync", "subject"), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, claim.Status);
        Assert.Equal(2, _proxy.Requests.Count(request => request.Operation == "PutItem"));
        Assert.True(await store.CompleteAsync(new EffectId("event-1", "RegistrySync", "subject"), claim.Token!, "done", CancellationToken.None));
    }

    [Fact]
    public async Task Complete_WhenTheAnswerToItsUpdateIsLost_ShouldReportTheEventCompleted()
    {
        var store = new DynamoDbEffectStore(_proxied, _table, TimeProvider.System);
        var claim = await store.TryBeginAsync(new EffectId("event-2", "RegistrySync", "subject"), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        _proxy.TriggerAt(_proxy.Count + 1, RequestPhase.AfterForwarding, static () => { });

        var completed = await store.CompleteAsync(new EffectId("event-2", "RegistrySync", "subject"), claim.Token!, "done", CancellationToken.None);

        Assert.True(completed);
        Assert.Equal(2, _proxy.Requests.Count(request => request.Operation == "UpdateItem"));
        var again = await store.TryBeginAsync(new EffectId("event-2", "RegistrySync", "subject"), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        Assert.Equal(EffectClaimStatus.AlreadyCompleted, again.Status);
        Assert.Equal("done", again.Result);
    }

    [Fact]
    public async Task Complete_WhenAnotherInvocationTookTheClaim_ShouldStillReportTheClaimLost()
    {
        var store = new DynamoDbEffectStore(_direct, _table, TimeProvider.System);
        var expired = await store.TryBeginAsync(new EffectId("event-3", "RegistrySync", "subject"), DateTimeOffset.UtcNow.AddMilliseconds(-1), CancellationToken.None);
        var taken = await store.TryBeginAsync(new EffectId("event-3", "RegistrySync", "subject"), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, taken.Status);
        Assert.False(await store.CompleteAsync(new EffectId("event-3", "RegistrySync", "subject"), expired.Token!, "late", CancellationToken.None));
    }
}
