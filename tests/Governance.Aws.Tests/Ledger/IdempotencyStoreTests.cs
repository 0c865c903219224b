using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Aws.Tests.Ledger;

[Collection(MotoGroup.Name)]
public sealed class IdempotencyStoreTests(MotoServer moto)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryBegin_FromEightConcurrentInvocations_ShouldLetExactlyOneAct()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbIdempotencyStore(table.Dynamo, table.Name, new ManualClock(Start));
        var acted = 0;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var claim = await store.TryBeginAsync("evt-1", "RegistrySync", Start.AddMinutes(5), CancellationToken.None);
            if (claim.Outcome == IdempotencyOutcome.Acquired)
            {
                Interlocked.Increment(ref acted);
                Assert.True(await store.CompleteAsync("evt-1", "RegistrySync", claim.Token!, "{\"decision\":\"submitted\"}", CancellationToken.None));
            }

            return claim.Outcome;
        })));

        Assert.Equal(1, acted);
        Assert.Single(outcomes, outcome => outcome == IdempotencyOutcome.Acquired);
        var again = await store.TryBeginAsync("evt-1", "RegistrySync", Start.AddMinutes(5), CancellationToken.None);
        Assert.Equal(IdempotencyOutcome.AlreadyCompleted, again.Outcome);
        Assert.Equal("{\"decision\":\"submitted\"}", again.Result);
    }

    [Fact]
    public async Task TryBegin_WhileAnotherInvocationIsWithinItsDeadline_ShouldReportInProgress()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbIdempotencyStore(table.Dynamo, table.Name, new ManualClock(Start));

        await store.TryBeginAsync("evt-2", "AuditTrail", Start.AddMinutes(1), CancellationToken.None);
        var second = await store.TryBeginAsync("evt-2", "AuditTrail", Start.AddMinutes(1), CancellationToken.None);
        var otherHandler = await store.TryBeginAsync("evt-2", "ComplianceMonitor", Start.AddMinutes(1), CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.InProgress, second.Outcome);
        Assert.Equal(Start.AddMinutes(1), second.InProgressUntil);
        Assert.Equal(IdempotencyOutcome.Acquired, otherHandler.Outcome);
    }

    [Fact]
    public async Task TryBegin_AfterACrashedInvocationsDeadline_ShouldLetTheRetryActAndRefuseTheStaleCompletion()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var clock = new ManualClock(Start);
        var store = new DynamoDbIdempotencyStore(table.Dynamo, table.Name, clock);

        var crashed = await store.TryBeginAsync("evt-3", "DeploymentTrigger", Start.AddSeconds(30), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var retry = await store.TryBeginAsync("evt-3", "DeploymentTrigger", Start.AddSeconds(90), CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.Acquired, retry.Outcome);
        Assert.False(await store.CompleteAsync("evt-3", "DeploymentTrigger", crashed.Token!, "late", CancellationToken.None));
        Assert.True(await store.CompleteAsync("evt-3", "DeploymentTrigger", retry.Token!, "done", CancellationToken.None));
        Assert.Equal("done", (await store.TryBeginAsync("evt-3", "DeploymentTrigger", Start.AddSeconds(90), CancellationToken.None)).Result);
    }

    [Fact]
    public async Task Release_AfterAFailure_ShouldLetTheNextInvocationActAtOnce()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var store = new DynamoDbIdempotencyStore(table.Dynamo, table.Name, new ManualClock(Start));

        var failed = await store.TryBeginAsync("evt-4", "PipelineMonitor", Start.AddMinutes(5), CancellationToken.None);
        await store.ReleaseAsync("evt-4", "PipelineMonitor", failed.Token!, CancellationToken.None);
        var next = await store.TryBeginAsync("evt-4", "PipelineMonitor", Start.AddMinutes(5), CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.Acquired, next.Outcome);
        Assert.NotEqual(failed.Token, next.Token);
    }
}
