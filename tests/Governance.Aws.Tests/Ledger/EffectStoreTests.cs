using Governance.Aws.Ledger;
using Governance.Core.Effects;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Aws.Tests.Ledger;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class EffectStoreTests(MotoServer moto)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryBegin_FromEightConcurrentInvocations_ShouldLetExactlyOneAct()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbEffectStore(table.Dynamo, table.Name, new ManualClock(Start));
        var acted = 0;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var claim = await store.TryBeginAsync(new EffectId("evt-1", "RegistrySync", "subject"), Start.AddMinutes(5), CancellationToken.None);
            if (claim.Status == EffectClaimStatus.Acquired)
            {
                Interlocked.Increment(ref acted);
                Assert.True(await store.CompleteAsync(new EffectId("evt-1", "RegistrySync", "subject"), claim.Token!, "{\"decision\":\"submitted\"}", CancellationToken.None));
            }

            return claim.Status;
        })));

        Assert.Equal(1, acted);
        Assert.Single(outcomes, outcome => outcome == EffectClaimStatus.Acquired);
        var again = await store.TryBeginAsync(new EffectId("evt-1", "RegistrySync", "subject"), Start.AddMinutes(5), CancellationToken.None);
        Assert.Equal(EffectClaimStatus.AlreadyCompleted, again.Status);
        Assert.Equal("{\"decision\":\"submitted\"}", again.Result);
    }

    [Fact]
    public async Task TryBegin_WhileAnotherInvocationIsWithinItsDeadline_ShouldReportInProgressForThatEffectOnly()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbEffectStore(table.Dynamo, table.Name, new ManualClock(Start));

        await store.TryBeginAsync(new EffectId("evt-2", "AuditTrail", "subject"), Start.AddMinutes(1), CancellationToken.None);
        var second = await store.TryBeginAsync(new EffectId("evt-2", "AuditTrail", "subject"), Start.AddMinutes(1), CancellationToken.None);
        var otherHandler = await store.TryBeginAsync(new EffectId("evt-2", "ComplianceMonitor", "subject"), Start.AddMinutes(1), CancellationToken.None);
        var otherSubject = await store.TryBeginAsync(new EffectId("evt-2", "AuditTrail", "another subject"), Start.AddMinutes(1), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.InProgress, second.Status);
        Assert.Equal(Start.AddMinutes(1), second.InProgressUntil);
        Assert.Equal(EffectClaimStatus.Acquired, otherHandler.Status);
        Assert.Equal(EffectClaimStatus.Acquired, otherSubject.Status);
    }

    [Fact]
    public async Task TryBegin_AfterACrashedInvocationsDeadline_ShouldLetTheRetryActAndRefuseTheStaleCompletion()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var clock = new ManualClock(Start);
        var store = new DynamoDbEffectStore(table.Dynamo, table.Name, clock);

        var crashed = await store.TryBeginAsync(new EffectId("evt-3", "DeploymentTrigger", "subject"), Start.AddSeconds(30), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var retry = await store.TryBeginAsync(new EffectId("evt-3", "DeploymentTrigger", "subject"), Start.AddSeconds(90), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, retry.Status);
        Assert.False(await store.CompleteAsync(new EffectId("evt-3", "DeploymentTrigger", "subject"), crashed.Token!, "late", CancellationToken.None));
        Assert.True(await store.CompleteAsync(new EffectId("evt-3", "DeploymentTrigger", "subject"), retry.Token!, "done", CancellationToken.None));
        Assert.Equal("done", (await store.TryBeginAsync(new EffectId("evt-3", "DeploymentTrigger", "subject"), Start.AddSeconds(90), CancellationToken.None)).Result);
    }

    [Fact]
    public async Task Release_AfterAFailure_ShouldLetTheNextInvocationActAtOnce()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbEffectStore(table.Dynamo, table.Name, new ManualClock(Start));

        var failed = await store.TryBeginAsync(new EffectId("evt-4", "PipelineMonitor", "subject"), Start.AddMinutes(5), CancellationToken.None);
        await store.ReleaseAsync(new EffectId("evt-4", "PipelineMonitor", "subject"), failed.Token!, CancellationToken.None);
        var next = await store.TryBeginAsync(new EffectId("evt-4", "PipelineMonitor", "subject"), Start.AddMinutes(5), CancellationToken.None);

        Assert.Equal(EffectClaimStatus.Acquired, next.Status);
        Assert.NotEqual(failed.Token, next.Token);
    }
}
