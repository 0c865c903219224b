using System.Diagnostics;
using System.Text.Json;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Testing.Ledger;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// Duplicate and reorder storms on moto_server. Two beds live through the same model's life, flow by flow: team
/// approval (RegistrySync), central approval (DeploymentTrigger), the deployment pipeline's status events
/// (PipelineMonitor), the CloudTrail calls that deploy it (AuditTrail) and Config evaluations of its endpoint
/// (ComplianceMonitor). The orderly bed gets each event once, in order; the storm bed gets each event three times
/// in a seeded random order, up to eight invocations at once, retryable failures delivered again. After each
/// flow the canonical dumps of the two ledgers must be equal, both ledgers' chains must verify, and the team must
/// have heard of each change once. A failure names the seed and the delivery order; GOVERNANCE_TEST_FULL=1 runs
/// more seeds.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class StormMotoTests(MotoServer moto, ITestOutputHelper output)
{
    private const int Copies = 3;
    private const int Concurrency = 8;

    public static TheoryData<int> Seeds() => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_FULL") == "1"
        ? new TheoryData<int>(20250901, 7, 1234, 99991, 424242)
        : new TheoryData<int>(20250901);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryFlow_DeliveredThreeTimesShuffledAndConcurrently_ShouldLeaveTheOrderlyRunsLedger(int seed)
    {
        output.WriteLine($"storm seed {seed} (replay: run this theory case; delivery orders are printed per flow)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
        using var orderlyBed = await FlowBed.CreateAsync(moto);
        using var stormBed = await FlowBed.CreateAsync(moto);
        var orderly = new Side("orderly", orderlyBed, start);
        var storm = new Side("storm", stormBed, start);
        foreach (var side in new[] { orderly, storm })
        {
            side.Source = await side.Bed.TeamPackageAsync();
        }

        var stage = new Stage(seed, orderly, storm, output, timeout.Token);

        await stage.RunAsync(
            HandlerNames.RegistrySync,
            ["model.submitted"],
            async side => [new StormEvent("team-approval", await side.Bed.TeamApprovalAsync(side.Source))],
            async side => side.Central = Assert.Single(await side.Bed.CentralPackagesAsync()).Arn);

        await stage.RunAsync(
            HandlerNames.DeploymentTrigger,
            ["deployment.started"],
            async side => [new StormEvent("central-approval", await side.Bed.CentralDecisionAsync(side.Central, "Approved"))],
            async side =>
            {
                var executions = await side.Bed.Ledger.GetNeighboursAsync(
                    new NodeRef(NodeTypes.CentralPackage, side.Central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
                side.Execution = Assert.Single(executions.Items).To.Id;
                side.Replacements[side.Execution] = "<execution>";
            });

        await stage.RunAsync(HandlerNames.PipelineMonitor, ["deployment.succeeded"], side => Task.FromResult<IReadOnlyList<StormEvent>>(
        [
            side.Events.PipelineExecution("execution-executing", side.Execution, "Executing", null, 1),
            side.Events.PipelineStep("step-executing", side.Execution, "deploy-endpoint", "Executing", "Starting", 2),
            side.Events.PipelineStep("step-succeeded", side.Execution, "deploy-endpoint", "Succeeded", "Executing", 3),
            side.Events.PipelineExecution("execution-succeeded", side.Execution, "Succeeded", "Executing", 4),
        ]));

        await stage.RunAsync(HandlerNames.AuditTrail, [], side => Task.FromResult<IReadOnlyList<StormEvent>>(
        [
            side.Events.CreateModel("create-model", side.Model, side.Central, 5),
            side.Events.CreateEndpointConfig("create-endpoint-config", side.Config, side.Model, 6),
            side.Events.CreateEndpoint("create-endpoint", side.Endpoint, side.Config, 7),
        ]));

        // Only a change of the latest evaluation is notified: a compliant result older than the violation stays silent.
        await stage.RunAsync(HandlerNames.ComplianceMonitor, ["compliance.violation"], side => Task.FromResult<IReadOnlyList<StormEvent>>(
        [
            side.Events.Compliance("compliant-first", side.Endpoint, "COMPLIANT", null, 8),
            side.Events.Compliance("non-compliant", side.Endpoint, "NON_COMPLIANT", "\nThe endpoint's configuration has no KMS key.", 9),
            side.Events.Compliance("still-non-compliant", side.Endpoint, "NON_COMPLIANT", "\nThe endpoint's configuration still has no KMS key.", 10),
        ]));
    }

    /// <summary>One bed's run: its names, the ids it learned, and the placeholders its dump uses for them.</summary>
    private sealed class Side(string label, FlowBed bed, DateTimeOffset start)
    {
        public string Label { get; } = label;

        public FlowBed Bed { get; } = bed;

        public StormEvents Events { get; } = new(start, FlowBed.CentralAccount);

        public Dictionary<string, string> Replacements { get; } = new(StringComparer.Ordinal)
        {
            [bed.TopicArn] = "<topic>",
            [bed.Team["team-".Length..]] = "<bed>",
        };

        public string Source { get; set; } = string.Empty;

        public string Central { get; set; } = string.Empty;

        public string Execution { get; set; } = string.Empty;

        public string Model => Bed.TeamGroup + "-model";

        public string Config => Bed.TeamGroup + "-config";

        public string Endpoint => Bed.TeamGroup + "-endpoint";

        /// <summary>Maps the event's ids (EventBridge id, CloudTrail event id) to its name, so dumps compare records per event.</summary>
        public void Learn(StormEvent stormEvent)
        {
            using var document = JsonDocument.Parse(stormEvent.Payload);
            var root = document.RootElement;
            Replacements[root.GetProperty("id").GetString()!] = "<event:" + stormEvent.Name + ">";
            if (root.GetProperty("detail").TryGetProperty("eventID", out var callId))
            {
                Replacements[callId.GetString()!] = "<call:" + stormEvent.Name + ">";
            }
        }

        public Task<LedgerDump> DumpAsync() => LedgerDump.ReadAsync(Bed.Dynamo, Bed.Table, Replacements, CancellationToken.None);

        public async Task<IReadOnlyList<string>> ChainFindingsAsync()
        {
            var findings = new List<string>();
            await foreach (var chain in new DynamoDbLedgerChains(Bed.Dynamo, Bed.Table).ReadAllChainsAsync(CancellationToken.None))
            {
                findings.AddRange(ChainVerifier.Verify(chain).Select(finding => $"{finding.Subject} #{finding.Sequence}: {finding.Kind} {finding.Detail}"));
            }

            return findings;
        }
    }

    private sealed class Stage(int seed, Side orderly, Side storm, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        /// <param name="learn">Reads what the flow created (ids the dumps must replace, inputs of the next flow) from each bed.</param>
        public async Task RunAsync(
            string handler, string[] expectedNotifications, Func<Side, Task<IReadOnlyList<StormEvent>>> events, Func<Side, Task>? learn = null)
        {
            var clock = Stopwatch.StartNew();
            var orderlyEvents = await events(orderly);
            var stormEvents = await events(storm);
            foreach (var stormEvent in orderlyEvents)
            {
                orderly.Learn(stormEvent);
            }

            foreach (var stormEvent in stormEvents)
            {
                storm.Learn(stormEvent);
            }

            var (orderlyFunction, _) = orderly.Bed.Function(handler);
            var (stormFunction, _) = storm.Bed.Function(handler);
            var orderlyReport = await StormDelivery.OrderlyAsync(orderlyFunction, handler, orderlyEvents);
            var stormReport = await StormDelivery.StormAsync(stormFunction, handler, stormEvents, seed, Copies, Concurrency, cancellationToken);
            var replay = $"{handler} storm, seed {seed}, delivery order: {string.Join(", ", stormReport.Order)}";
            output.WriteLine($"{handler}: {stormReport.Order.Count} deliveries, {stormReport.Retries} retried; {replay}");

            Assert.True(orderlyReport.Problems.IsEmpty, $"{handler} orderly run: {string.Join("; ", orderlyReport.Problems)}");
            Assert.True(stormReport.Problems.IsEmpty, $"{replay}: {string.Join("; ", stormReport.Problems)}");
            if (learn is not null)
            {
                await learn(orderly);
                await learn(storm);
            }

            var difference = LedgerDump.Difference(await orderly.DumpAsync(), orderly.Label, await storm.DumpAsync(), storm.Label);
            Assert.True(difference.Length == 0, $"{replay}: the ledgers differ after {handler}:\n{difference}");
            Assert.Empty(await orderly.ChainFindingsAsync());
            Assert.True((await storm.ChainFindingsAsync()) is { Count: 0 }, $"{replay}: the storm ledger's chains do not verify");

            var heardOrderly = (await orderly.Bed.NotificationsAsync()).Select(n => n.EventType).Order(StringComparer.Ordinal).ToArray();
            var heardStorm = (await storm.Bed.NotificationsAsync()).Select(n => n.EventType).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expectedNotifications, heardOrderly);
            Assert.True(expectedNotifications.SequenceEqual(heardStorm), $"{replay}: the team heard [{string.Join(", ", heardStorm)}], expected [{string.Join(", ", expectedNotifications)}]");
            output.WriteLine($"{handler}: ledgers equal, chains verify, notified [{string.Join(", ", heardStorm)}] ({clock.ElapsedMilliseconds} ms)");
        }
    }
}
