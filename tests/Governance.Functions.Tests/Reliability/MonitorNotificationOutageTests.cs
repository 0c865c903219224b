using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Hosting;
using Governance.Testing;
using Governance.Testing.Faults;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// SNS down exactly when a monitor has written its last chain record and is about to publish: the invocation
/// fails, and the redelivery publishes the notification the monitor decided on, once; a further delivery publishes
/// nothing more. Each monitor runs with the real adapters on moto_server behind the fault proxy.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class MonitorNotificationOutageTests(MotoServer moto)
{
    private static readonly FaultKind[] Down = [FaultKind.Throttle, FaultKind.ServerError, FaultKind.Unavailable, FaultKind.Reset];

    [Fact]
    public Task PipelineMonitor_WhenSnsIsDownAfterItsLastChainWrite_ShouldNotifyOnceOnRedelivery() =>
        OutageAsync(HandlerNames.PipelineMonitor, "deployment.succeeded", async (harness, central) =>
        {
            var trigger = harness.Function(HandlerNames.DeploymentTrigger);
            await FaultsHarness.DeliverUntilDoneAsync(trigger, HandlerNames.DeploymentTrigger, await harness.Bed.CentralDecisionAsync(central, "Approved"));
            var execution = await DeploymentOf(harness, central);
            return FaultsAtTwentyPercentTests.PipelineSucceeded(execution);
        });

    [Fact]
    public Task AuditTrail_WhenSnsIsDownAfterItsLastChainWrite_ShouldNotifyOnceOnRedelivery() =>
        OutageAsync(HandlerNames.AuditTrail, "audit.alert", async (harness, central) =>
        {
            var endpoint = await DeployedEndpointAsync(harness, central);
            return FaultsHarness.MonitorEvent("cloudtrail-update-endpoint-by-intern.json", central, endpoint);
        });

    [Fact]
    public Task ComplianceMonitor_WhenSnsIsDownAfterItsLastChainWrite_ShouldNotifyOnceOnRedelivery() =>
        OutageAsync(HandlerNames.ComplianceMonitor, "compliance.violation", async (harness, central) =>
        {
            var endpoint = await DeployedEndpointAsync(harness, central);
            return FaultsHarness.MonitorEvent("config-endpoint-non-compliant.json", central, endpoint);
        });

    private async Task OutageAsync(string handler, string expected, Func<FaultsHarness, string, Task<byte[]>> arrange)
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 140);
        var bed = harness.Bed;
        var source = await bed.TeamPackageAsync();
        await FaultsHarness.DeliverUntilDoneAsync(harness.Function(HandlerNames.RegistrySync), HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        var monitorEvent = await arrange(harness, central);
        await bed.NotificationsAsync();
        var monitor = harness.Function(handler);

        harness.Proxy.Inject("sns", 1.0, Down);
        await Assert.ThrowsAnyAsync<Exception>(() => monitor.HandleAsync(monitorEvent, Context(handler), CancellationToken.None));
        Assert.Contains(harness.Proxy.Requests, request => request is { Service: "sns", Operation: "Publish" });
        Assert.Empty(await bed.NotificationsAsync());
        harness.Proxy.ClearFaults();

        await monitor.HandleAsync(monitorEvent, Context(handler), CancellationToken.None);
        var afterRedelivery = await bed.NotificationsAsync();
        await monitor.HandleAsync(monitorEvent, Context(handler), CancellationToken.None);

        var (eventType, body) = Assert.Single(afterRedelivery);
        Assert.Equal(expected, eventType);
        Assert.Equal(central, body.GetProperty("modelPackageArn").GetString());
        Assert.Empty(await bed.NotificationsAsync());
        await FaultsHarness.AssertLedgerIntactAsync(bed);
    }

    /// <summary>The endpoint the deployment role created for the central package (model, config, endpoint audited).</summary>
    private static async Task<string> DeployedEndpointAsync(FaultsHarness harness, string central)
    {
        var endpoint = MotoServer.UniqueName("ep");
        var audit = harness.Function(HandlerNames.AuditTrail);
        foreach (var fixture in new[] { "cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json" })
        {
            await FaultsHarness.DeliverUntilDoneAsync(audit, HandlerNames.AuditTrail, FaultsHarness.MonitorEvent(fixture, central, endpoint));
        }

        return endpoint;
    }

    private static async Task<string> DeploymentOf(FaultsHarness harness, string central)
    {
        var executions = await harness.Bed.Ledger.GetNeighboursAsync(
            new Core.Ledger.NodeRef(Core.Ledger.NodeTypes.CentralPackage, central), Core.Ledger.LineageDirection.Downstream,
            Core.Ledger.NodeTypes.PipelineExecution, new Core.Ledger.PageRequest(10, null), CancellationToken.None);
        return Assert.Single(executions.Items).To.Id;
    }

    private static InvocationContext Context(string handler) => new(
        Guid.NewGuid().ToString(), $"arn:aws:lambda:us-east-1:{FlowBed.CentralAccount}:function:{handler}", null,
        DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60), handler, false);
}
