using System.Diagnostics;
using System.Text.Json.Nodes;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Signing;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Testing.Faults;
using Governance.Local.Lambda;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// The real bootstrap killed at step boundaries: when the proxy sees the k-th AWS request of a run (before
/// forwarding it, or after moto applied it and before the answer), the process dies; a fresh bootstrap gets the
/// same event again once the dead invocation's deadline has passed (as Lambda's retry would), until it succeeds.
/// Every distinct (service, operation) boundary of an orderly run is crashed in both phases; with
/// GOVERNANCE_TEST_FULL=1 every request of it is.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class CrashInjectionTests(MotoServer moto, ITestOutputHelper output)
{
    /// <summary>Operations whose repetition would show: each is crashed in both phases even outside the full run.</summary>
    private static readonly HashSet<string> Effectful = new(StringComparer.Ordinal) { "CreateModelPackage", "StartPipelineExecution", "Publish", "CopyObject" };

    /// <summary>The crashed invocation's deadline, from the orderly run's time: long enough to reach any boundary, short so its claims expire soon.</summary>
    private TimeSpan _crashWindow = TimeSpan.FromSeconds(4);

    /// <summary>Runs of one boundary, each with a longer crash window, before an unreached boundary fails the test.</summary>
    private const int MaxAttemptsPerBoundary = 3;

    private static bool Full => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_FULL") == "1";

    [Fact]
    public async Task RegistrySync_KilledAtEachStepBoundary_ShouldCompleteOnRedeliveryWithTheOrderlyRunsEffects()
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 1);
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var bed = harness.Bed;
        var watch = Stopwatch.StartNew();

        // The first run creates the central group; the second is the orderly run the crashed ones are held to.
        await OrderlyRunAsync(api, harness, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(await bed.TeamPackageAsync()));
        var orderlySource = await bed.TeamPackageAsync();
        var orderly = await OrderlyRunAsync(api, harness, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(orderlySource));
        var orderlyKinds = await KindsAsync(bed, NodeTypes.SourcePackage, orderlySource);
        await bed.NotificationsAsync();
        var syncs = 2;

        foreach (var boundary in Boundaries(orderly))
        {
            for (var attempt = 1; ; attempt++)
            {
                var source = await bed.TeamPackageAsync();
                var run = await CrashAndRedeliverAsync(api, harness, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source), boundary);
                syncs++;
                output.WriteLine(run.ToString());

                Assert.Equal(orderlyKinds, await KindsAsync(bed, NodeTypes.SourcePackage, source));
                await harness.AssertArtifactsCopiedOnceAsync(source, 3);
                Assert.Equal(syncs, (await bed.CentralPackagesAsync()).Count);
                await AssertNotifiedAsync(bed, "model.submitted", run);
                if (Reached(run, attempt))
                {
                    break;
                }
            }
        }

        Assert.Equal(3 * syncs, (await bed.ObjectKeysAsync(bed.CentralBucket)).Count);
        await FaultsHarness.AssertLedgerIntactAsync(bed);
        output.WriteLine($"{syncs - 2} crashes over {orderly.Count} requests of the orderly run in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task DeploymentTrigger_KilledAtEachStepBoundary_ShouldStartOneExecutionPerApprovalAndNotifyOnce()
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 2);
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var bed = harness.Bed;
        var watch = Stopwatch.StartNew();
        await FlowBed.InvokeAsync(harness.Function(HandlerNames.RegistrySync), HandlerNames.RegistrySync, await bed.TeamApprovalAsync(await bed.TeamPackageAsync()));
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        await bed.NotificationsAsync();

        var orderly = await OrderlyRunAsync(api, harness, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"));
        await bed.NotificationsAsync();
        var approvals = 1;
        var lostStarts = 0;
        var timedOut = 0;
        var start = orderly.ToList().FindIndex(request => request.Operation == "StartPipelineExecution") + 1;
        var launchCompleted = orderly.ToList().FindIndex(start, request => request.Operation == "UpdateItem") + 1;

        foreach (var boundary in Boundaries(orderly))
        {
            for (var attempt = 1; ; attempt++)
            {
                var run = await CrashAndRedeliverAsync(api, harness, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"), boundary);
                approvals++;
                // Killed between an applied start and the completion of its launch claim: the redelivery starts again.
                var afterStart = boundary.Request > start || boundary.Phase == RequestPhase.AfterForwarding;
                var beforeClaimDone = boundary.Request < launchCompleted || boundary.Phase == RequestPhase.BeforeForwarding;
                timedOut += run.Reached ? 0 : 1;
                lostStarts += run.Reached && boundary.Request >= start && boundary.Request <= launchCompleted && afterStart && beforeClaimDone ? 1 : 0;
                output.WriteLine(run.ToString());

                var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(100, null), CancellationToken.None);
                Assert.Equal(approvals, executions.Items.Count);
                await AssertNotifiedAsync(bed, "deployment.started", run);
                if (Reached(run, attempt))
                {
                    break;
                }
            }
        }

        // moto ignores StartPipelineExecution's ClientRequestToken, so a start whose answer died with the process
        // runs twice there; SageMaker returns the first execution for the same token.
        // A run that timed out before its boundary (a loaded machine) may have applied its start without
        // completing the launch claim, which moto likewise repeats.
        Assert.InRange(await MotoExecutionsAsync(bed), approvals + lostStarts, approvals + lostStarts + timedOut);
        await FaultsHarness.AssertLedgerIntactAsync(bed);
        output.WriteLine($"{approvals - 1} crashes over {orderly.Count} requests of the orderly run in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// True when the run crashed at its boundary. A run slower than the crash window (a loaded machine) timed out
    /// before reaching it: the boundary is tried again with a window twice as long, and a boundary never reached
    /// fails the test rather than pass uncrashed.
    /// </summary>
    private bool Reached(CrashRun run, int attempt)
    {
        if (run.Reached)
        {
            return true;
        }

        Assert.True(attempt < MaxAttemptsPerBoundary, $"{run.Boundary}: never reached in {attempt} runs, each slower than its crash window (last {_crashWindow.TotalSeconds:0.0} s)");
        _crashWindow *= 2;
        return false;
    }

    /// <summary>
    /// Every request of the orderly run in both phases with GOVERNANCE_TEST_FULL=1; else the first request of each
    /// (service, operation), in alternating phases, and in both phases for the operations whose repetition shows.
    /// </summary>
    private static IEnumerable<Boundary> Boundaries(IReadOnlyList<ProxiedRequest> orderly)
    {
        var numbered = orderly.Select((request, index) => (Request: request, Index: index + 1)).ToList();
        var chosen = Full ? numbered : numbered.DistinctBy(item => (item.Request.Service, item.Request.Operation)).ToList();
        for (var position = 0; position < chosen.Count; position++)
        {
            var (request, index) = chosen[position];
            var occurrence = orderly.Take(index).Count(earlier => (earlier.Service, earlier.Operation) == (request.Service, request.Operation));
            var both = Full || Effectful.Contains(request.Operation);
            if (both || position % 2 == 0)
            {
                yield return new Boundary(index, RequestPhase.BeforeForwarding, request.Service, request.Operation, occurrence);
            }

            if (both || position % 2 == 1)
            {
                yield return new Boundary(index, RequestPhase.AfterForwarding, request.Service, request.Operation, occurrence);
            }
        }
    }

    private async Task<IReadOnlyList<ProxiedRequest>> OrderlyRunAsync(LoopbackRuntimeApi api, FaultsHarness harness, string handler, byte[] payload)
    {
        using var bootstrap = await StartServingAsync(api, harness, handler);
        var mark = harness.Proxy.Count;
        var id = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();
        api.Enqueue(LoopbackRuntimeApi.Invocation(id, payload, TimeSpan.FromSeconds(60)));
        var result = await api.ResultAsync(id, TimeSpan.FromSeconds(90));
        Assert.True(result.Kind == ResultKind.Response, System.Text.Encoding.UTF8.GetString(result.Body) + "\n" + bootstrap.Tail);
        _crashWindow = TimeSpan.FromMilliseconds(Math.Max(3000, (watch.Elapsed.TotalMilliseconds * 2) + 1500));
        return [.. harness.Proxy.Requests.Where(request => request.Sequence > mark)];
    }

    private async Task<CrashRun> CrashAndRedeliverAsync(LoopbackRuntimeApi api, FaultsHarness harness, string handler, byte[] payload, Boundary boundary)
    {
        var watch = Stopwatch.StartNew();
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = true;
        DateTimeOffset deadline;
        using (var doomed = await StartServingAsync(api, harness, handler))
        {
            harness.Proxy.TriggerAt(boundary.Service, boundary.Operation, boundary.Occurrence, boundary.Phase, () =>
            {
                doomed.Kill();
                crashed.TrySetResult();
            });
            var id = Guid.NewGuid().ToString();
            deadline = DateTimeOffset.UtcNow + _crashWindow;
            api.Enqueue(new LoopbackInvocation(id, payload, deadline));
            var finished = api.ResultAsync(id, _crashWindow + TimeSpan.FromSeconds(30));
            if (await Task.WhenAny(crashed.Task, finished) != crashed.Task)
            {
                // Slower than the window (a loaded machine): the invocation timed out instead; it is redelivered all the same.
                harness.Proxy.ClearTrigger();
                var result = await finished;
                if (result.Kind == ResultKind.Response)
                {
                    throw new Xunit.Sdk.XunitException($"{boundary}: the run finished without reaching the boundary\n{doomed.Tail}");
                }

                // Lambda ends a timed-out sandbox; so does this, before the redelivery.
                doomed.Kill();
                reached = false;
            }
        }

        using var fresh = await StartServingAsync(api, harness, handler);
        var wait = deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var errors = new List<string>();
        for (var delivery = 1; delivery <= 4; delivery++)
        {
            var id = Guid.NewGuid().ToString();
            api.Enqueue(LoopbackRuntimeApi.Invocation(id, payload, TimeSpan.FromSeconds(60)));
            var result = await api.ResultAsync(id, TimeSpan.FromSeconds(90));
            if (result.Kind == ResultKind.Response)
            {
                return new CrashRun(boundary, reached, delivery, watch.Elapsed, errors);
            }

            errors.Add(System.Text.Encoding.UTF8.GetString(result.Body));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException($"{boundary}: redelivery kept failing:\n{string.Join("\n", errors)}\n{fresh.Tail}");
    }

    /// <summary>A bootstrap that has finished INIT and is waiting for its first invocation.</summary>
    private static async Task<CrashBootstrap> StartServingAsync(LoopbackRuntimeApi api, FaultsHarness harness, string handler)
    {
        var polls = api.NextRequests;
        var bootstrap = CrashBootstrap.Start(api, harness, handler);
        var until = DateTimeOffset.UtcNow.AddSeconds(60);
        while (api.NextRequests == polls)
        {
            if (bootstrap.Process.HasExited || DateTimeOffset.UtcNow > until)
            {
                bootstrap.Dispose();
                throw new Xunit.Sdk.XunitException("bootstrap did not start serving:\n" + bootstrap.Tail);
            }

            await Task.Delay(20);
        }

        return bootstrap;
    }

    /// <summary>One notification of <paramref name="eventType"/>; a second, identical one only when the crash followed an applied Publish.</summary>
    private static async Task AssertNotifiedAsync(FlowBed bed, string eventType, CrashRun run)
    {
        var boundary = run.Boundary;
        var received = await bed.NotificationsAsync();
        Assert.All(received, message => Assert.Equal(eventType, message.EventType));
        Assert.Single(received.Select(message => message.Body.GetRawText()).Distinct(StringComparer.Ordinal));
        var repeated = run.Reached && boundary is { Operation: "Publish", Phase: RequestPhase.AfterForwarding } ? 1 : 0;
        Assert.True(received.Count == 1 + repeated, $"{boundary}: {received.Count} messages");
    }

    private static async Task<IReadOnlyList<string>> KindsAsync(FlowBed bed, string type, string id)
    {
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(type, id), new PageRequest(100, null), CancellationToken.None);
        return [.. timeline.Items.Select(record => record.Kind)];
    }

    private static async Task<int> MotoExecutionsAsync(FlowBed bed)
    {
        var credentials = new StaticCredentialSource(new SigningCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey));
        var listed = await bed.Aws.JsonChannel(AwsService.SageMaker, credentials)
            .CallAsync("ListPipelineExecutions", new JsonObject { ["PipelineName"] = bed.Pipeline, ["MaxResults"] = 100 }, CancellationToken.None);
        return listed.GetProperty("PipelineExecutionSummaries").GetArrayLength();
    }

    private sealed record Boundary(int Request, RequestPhase Phase, string Service, string Operation, int Occurrence)
    {
        public override string ToString() => $"request {Request} ({Service}:{Operation} #{Occurrence}) {(Phase == RequestPhase.BeforeForwarding ? "before forwarding" : "after applying")}";
    }

    private sealed record CrashRun(Boundary Boundary, bool Reached, int Deliveries, TimeSpan Elapsed, IReadOnlyList<string> Errors)
    {
        public override string ToString() =>
            $"{(Reached ? "killed" : "timed out before")} at {Boundary}: completed on redelivery {Deliveries} in {Elapsed.TotalMilliseconds:0} ms{(Errors.Count > 0 ? "; failed redeliveries: " + string.Join(" | ", Errors) : string.Empty)}";
    }
}
