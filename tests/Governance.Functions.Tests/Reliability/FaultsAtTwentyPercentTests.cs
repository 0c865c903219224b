using System.Globalization;
using System.Text;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Testing;
using Governance.Testing.Faults;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// Every flow on moto_server behind a proxy that faults one request in five on every service (throttling, 5xx,
/// latency, resets, and responses lost after the request was applied), each event redelivered until it gets
/// through, as Lambda would: the effects are those of one orderly run.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FaultsAtTwentyPercentTests(MotoServer moto, ITestOutputHelper output)
{
    private const double Rate = 0.2;

    [Fact]
    public async Task EveryFlow_AtTwentyPercentFaultsOnEveryService_ShouldCompleteOnRedeliveryWithExactlyOnceEffects()
    {
        // Each service draws its faults from its own seeded stream; with seed 69 the first few requests of every
        // service include a fault, so "every service was faulted" holds however many requests the flows make.
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 69);
        var bed = harness.Bed;
        var source = await bed.TeamPackageAsync();
        var approval = await bed.TeamApprovalAsync(source);
        harness.Proxy.Inject("*", Rate);
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = 0;

        var sync = await DeliverAsync(harness, HandlerNames.RegistrySync, approval, deliveries);
        Assert.Equal("processed", sync.Result.GetProperty("outcome").GetString());
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        await harness.AssertArtifactsCopiedOnceAsync(source, 3);
        Assert.Equal(3, (await bed.ObjectKeysAsync(bed.CentralBucket)).Count);
        repeats += await harness.AssertNotifiedOnceAsync(["model.submitted"], 0);

        var mark = harness.Proxy.Count;
        await DeliverAsync(harness, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"), deliveries);
        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        var execution = Assert.Single(executions.Items).To.Id;
        Assert.Equal(1, harness.Proxy.Requests.Skip(mark).Count(request => request is { Operation: "StartPipelineExecution", Forwarded: true }));
        repeats += await harness.AssertNotifiedOnceAsync(["deployment.started"], mark);

        mark = harness.Proxy.Count;
        await DeliverAsync(harness, HandlerNames.PipelineMonitor, PipelineSucceeded(execution), deliveries);
        repeats += await harness.AssertNotifiedOnceAsync(["deployment.succeeded"], mark);

        mark = harness.Proxy.Count;
        var endpoint = MotoServer.UniqueName("ep");
        foreach (var fixture in new[] { "cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json", "cloudtrail-update-endpoint-by-intern.json" })
        {
            await DeliverAsync(harness, HandlerNames.AuditTrail, FaultsHarness.MonitorEvent(fixture, central, endpoint), deliveries);
        }

        await DeliverAsync(harness, HandlerNames.ComplianceMonitor, FaultsHarness.MonitorEvent("config-endpoint-non-compliant.json", central, endpoint), deliveries);
        repeats += await harness.AssertNotifiedOnceAsync(["audit.alert", "compliance.violation"], mark);

        mark = harness.Proxy.Count;
        var rejectedSource = await bed.TeamPackageAsync();
        await DeliverAsync(harness, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(rejectedSource), deliveries);
        var rejected = Assert.Single(await bed.CentralPackagesAsync(), package => package.Arn != central).Arn;
        await DeliverAsync(harness, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(rejected, "Rejected"), deliveries);
        repeats += await harness.AssertNotifiedOnceAsync(["model.submitted", "model.rejected"], mark);

        harness.Proxy.ClearFaults();
        await FaultsHarness.AssertLedgerIntactAsync(bed);
        var requests = harness.Proxy.Requests;
        var faulted = requests.Where(request => request.Fault != FaultKind.None).ToList();
        output.WriteLine($"{requests.Count} requests, {faulted.Count} faulted ({string.Join(", ", faulted.GroupBy(r => r.Fault).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"services faulted: {string.Join(", ", faulted.GroupBy(r => r.Service).Select(g => $"{g.Key} {g.Count()}"))}; " +
            $"redeliveries: {string.Join(", ", deliveries.Select(d => $"{d.Key} {d.Value}"))}; repeated SNS deliveries after lost Publish answers: {repeats}");
        Assert.InRange(faulted.Count, requests.Count / 10, requests.Count * 3 / 10);
        Assert.Contains(faulted, request => request.Fault.LosesResponse());
        Assert.Equal(["dynamodb", "s3", "sagemaker", "sns", "sts"], faulted.Select(request => request.Service).Distinct().Order(StringComparer.Ordinal));
    }

    private async Task<Delivery> DeliverAsync(FaultsHarness harness, string handler, byte[] payload, Dictionary<string, int> redeliveries)
    {
        var delivery = await FaultsHarness.DeliverUntilDoneAsync(harness.Function(handler), handler, payload);
        redeliveries[handler] = redeliveries.GetValueOrDefault(handler) + delivery.Failures.Count;
        foreach (var failure in delivery.Failures)
        {
            output.WriteLine($"{handler} delivery failed: {failure.GetType().Name}: {failure.Message}");
        }

        return delivery;
    }

    internal static byte[] PipelineSucceeded(string executionArn)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var now = DateTimeOffset.UtcNow;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "0",
              "id": "{{Guid.NewGuid()}}",
              "detail-type": "SageMaker Model Building Pipeline Execution Status Change",
              "source": "aws.sagemaker",
              "account": "{{executionArn.Split(':')[4]}}",
              "time": "{{now:yyyy-MM-ddTHH:mm:ssZ}}",
              "region": "us-east-1",
              "resources": ["{{pipelineArn}}", "{{executionArn}}"],
              "detail": {
                "currentPipelineExecutionStatus": "Succeeded",
                "previousPipelineExecutionStatus": "Executing",
                "executionStartTime": "{{now.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}}",
                "executionEndTime": "{{now:yyyy-MM-ddTHH:mm:ssZ}}",
                "pipelineArn": "{{pipelineArn}}",
                "pipelineExecutionArn": "{{executionArn}}"
              }
            }
            """));
    }
}
