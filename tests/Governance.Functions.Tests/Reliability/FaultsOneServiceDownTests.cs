using System.Diagnostics;
using System.Text.Json;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Testing.Faults;
using Governance.Local.Lambda;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// One service failing every request (throttled, 5xx or reset: nothing reaches it): the invocation fails with an
/// error the runtime reports to Lambda, leaves nothing half-done that reads as done, and a redelivery once the
/// service is back completes with no duplicate.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FaultsOneServiceDownTests(MotoServer moto, ITestOutputHelper output)
{
    /// <summary>Far below RegistrySync's 300 s, yet above the SDK clients' bounded retries on a loaded machine.</summary>
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(30);

    private static readonly FaultKind[] Down = [FaultKind.Throttle, FaultKind.ServerError, FaultKind.Unavailable, FaultKind.Reset];

    [Theory]
    [InlineData("sts", "describe the team package")]
    [InlineData("sagemaker", "describe the team package")]
    [InlineData("s3", "find the owners of the artifacts' buckets")]
    [InlineData("sns", "notify model.submitted")]
    [InlineData("dynamodb", null)]
    public async Task Sync_WhenOneServiceFailsEveryRequest_ShouldFailCleanlyAndCompleteOnceOnRedelivery(string service, string? failedStep)
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 100);
        var bed = harness.Bed;
        var source = await bed.TeamPackageAsync();
        var approval = await bed.TeamApprovalAsync(source);
        var sync = harness.Function(HandlerNames.RegistrySync);
        harness.Proxy.Inject(service, 1.0, Down);
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => InvokeWithinDeadlineAsync(sync, approval));

        output.WriteLine($"{service} down: failed after {watch.ElapsedMilliseconds} ms, {harness.Proxy.Requests.Count(r => r.Fault != FaultKind.None)} faulted requests: {failure.Message}");
        Assert.All(harness.Proxy.Requests.Where(r => r.Service == service), request => Assert.NotEqual(FaultKind.None, request.Fault));
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(100, null), CancellationToken.None);
        Assert.DoesNotContain(timeline.Items, record => record.Kind == "notification.published");
        Assert.Empty(await bed.NotificationsAsync());
        if (failedStep is null)
        {
            Assert.Empty(timeline.Items);
            Assert.True(failure is FlowFailedException { Step: "claim" } or OperationCanceledException, failure.ToString());
        }
        else
        {
            var flowFailure = Assert.IsType<FlowFailedException>(failure);
            Assert.StartsWith(failedStep, flowFailure.Step, StringComparison.Ordinal);
            Assert.Contains(timeline.Items, record => record.Kind == "sync.failed" && record.Attributes["step"].StartsWith(failedStep, StringComparison.Ordinal));
        }

        if (service != "sns")
        {
            Assert.Empty(await bed.CentralPackagesAsync());
            Assert.DoesNotContain(timeline.Items, record => record.Kind == "model.submitted");
        }

        harness.Proxy.ClearFaults();
        var redelivered = await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval);

        Assert.Equal("processed", redelivered.GetProperty("outcome").GetString());
        Assert.DoesNotContain("already handled", redelivered.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await bed.CentralPackagesAsync());
        await harness.AssertArtifactsCopiedOnceAsync(source, 3);
        Assert.Equal(["model.submitted"], (await bed.NotificationsAsync()).Select(n => n.EventType));
        await FaultsHarness.AssertLedgerIntactAsync(bed);
    }

    /// <summary>
    /// As the runtime runs a handler: cancelled at the deadline's safety margin, which bounds whatever the
    /// clients' own retries leave.
    /// </summary>
    private static async Task InvokeWithinDeadlineAsync(Hosting.IFunctionHandler function, byte[] payload)
    {
        var deadline = DateTimeOffset.UtcNow + InvocationTimeout;
        using var cancellation = new CancellationTokenSource(InvocationTimeout - TimeSpan.FromMilliseconds(500));
        var context = new Hosting.InvocationContext(
            Guid.NewGuid().ToString(), $"arn:aws:lambda:us-east-1:{FlowBed.CentralAccount}:function:{HandlerNames.RegistrySync}", null,
            deadline, HandlerNames.RegistrySync, false);
        await function.HandleAsync(payload, context, cancellation.Token);
    }

    [Fact]
    public async Task Bootstrap_WhenSageMakerFailsEveryRequest_ShouldPostTheErrorKeepServingAndCompleteTheRedelivery()
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 101);
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var bed = harness.Bed;
        var approval = await bed.TeamApprovalAsync(await bed.TeamPackageAsync());
        harness.Proxy.Inject("sagemaker", 1.0, Down);
        using var bootstrap = CrashBootstrap.Start(api, harness, HandlerNames.RegistrySync);
        try
        {
            api.Enqueue(LoopbackRuntimeApi.Invocation("down", approval, TimeSpan.FromSeconds(60)));
            var failed = await api.ResultAsync("down", TimeSpan.FromSeconds(90));
            harness.Proxy.ClearFaults();
            api.Enqueue(LoopbackRuntimeApi.Invocation("back", approval, TimeSpan.FromSeconds(60)));
            var served = await api.ResultAsync("back", TimeSpan.FromSeconds(90));

            Assert.Equal(ResultKind.Error, failed.Kind);
            using var error = JsonDocument.Parse(failed.Body);
            Assert.Equal("FlowFailedException", error.RootElement.GetProperty("errorType").GetString());
            Assert.Contains("describe the team package", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
            Assert.Equal(ResultKind.Response, served.Kind);
            Assert.False(bootstrap.Process.HasExited);
            Assert.Single(await bed.CentralPackagesAsync());
            Assert.Equal(["model.submitted"], (await bed.NotificationsAsync()).Select(n => n.EventType));
        }
        finally
        {
            bootstrap.Kill();
        }
    }
}
