using System.Globalization;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Processing;
using Governance.Local.Ports;

namespace Governance.Core.Tests.Monitors;

/// <summary>
/// The deployment graph the audit trail records must not depend on the order EventBridge delivers the CloudTrail
/// calls in: every order, with and without redeliveries, leaves the ledger of the orderly run.
/// </summary>
public class DeploymentGraphOrderTests
{
    private const string CreateModel = "cloudtrail-create-model.json";
    private const string CreateConfig = "cloudtrail-create-endpoint-config.json";
    private const string CreateEndpoint = "cloudtrail-create-endpoint.json";
    private const string CreateModel13 = "cloudtrail-create-model-13.json";
    private const string CreateConfig13 = "cloudtrail-create-endpoint-config-13.json";
    private const string UpdateEndpoint13 = "cloudtrail-update-endpoint-config-13.json";

    private static readonly NodeRef Endpoint = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:999988887777:endpoint/fraud-endpoint");
    private static readonly NodeRef Version13 = new(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/13");

    public static TheoryData<string> CreateOrders()
    {
        var data = new TheoryData<string>();
        foreach (var order in Orders([CreateModel, CreateConfig, CreateEndpoint]))
        {
            data.Add(string.Join(',', order));
        }

        return data;
    }

    public static TheoryData<string> CreateOrdersDeliveredTwice()
    {
        var data = new TheoryData<string>();
        foreach (var order in Orders([CreateModel, CreateModel, CreateConfig, CreateConfig, CreateEndpoint, CreateEndpoint]))
        {
            data.Add(string.Join(',', order));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CreateOrders))]
    [MemberData(nameof(CreateOrdersDeliveredTwice))]
    public async Task CreateCalls_InAnyOrder_ShouldLeaveTheOrderlyLedger(string order)
    {
        var orderly = await CanonicalAsync(CreateModel, CreateConfig, CreateEndpoint);

        var actual = await CanonicalAsync(order.Split(','));

        Assert.Contains(orderly, line => line.StartsWith("record " + MonitorHarness.CentralPackage + " c7a1b2c3-0003-4d5e-8f90-a1b2c3d4e503 " + AuditKinds.EndpointDeployed, StringComparison.Ordinal));
        Assert.Contains("edge " + MonitorHarness.CentralPackage + " serves " + Endpoint + " c7a1b2c3-0003-4d5e-8f90-a1b2c3d4e503", orderly);
        Assert.Contains(orderly, line => line.StartsWith("runs " + Endpoint + " -> " + MonitorHarness.CentralPackage, StringComparison.Ordinal));
        Assert.Equal(orderly, actual);
    }

    [Fact]
    public async Task UpdateToANewConfig_InEveryOrder_ShouldLeaveTheOrderlyLedgerRunningTheNewVersion()
    {
        string[] calls = [CreateModel, CreateConfig, CreateEndpoint, CreateModel13, CreateConfig13, UpdateEndpoint13];
        var orderly = await CanonicalAsync(calls);
        Assert.Contains(orderly, line => line.StartsWith("runs " + Endpoint + " -> " + Version13 + " ", StringComparison.Ordinal));
        Assert.Contains("edge " + Version13 + " serves " + Endpoint + " c7a1b2c3-0015-4d5e-8f90-a1b2c3d4e515", orderly);
        Assert.Contains(orderly, line => line.StartsWith("record " + Version13 + " c7a1b2c3-0015-4d5e-8f90-a1b2c3d4e515 " + AuditKinds.EndpointDeployed, StringComparison.Ordinal));

        foreach (var order in Orders(calls))
        {
            var actual = await CanonicalAsync([.. order]);
            Assert.True(orderly.SequenceEqual(actual), "order " + string.Join(", ", order) + ":\n" + Difference(orderly, actual));
        }
    }

    [Fact]
    public async Task UpdateToANewConfig_ShuffledWithEveryCallDeliveredTwice_ShouldLeaveTheOrderlyLedger()
    {
        string[] calls = [CreateModel, CreateConfig, CreateEndpoint, CreateModel13, CreateConfig13, UpdateEndpoint13];
        var orderly = await CanonicalAsync(calls);
        var random = new Random(20240605);

        for (var run = 0; run < 200; run++)
        {
            var order = calls.Concat(calls).ToArray();
            random.Shuffle(order);
            var actual = await CanonicalAsync(order);
            Assert.True(orderly.SequenceEqual(actual), "order " + string.Join(", ", order) + ":\n" + Difference(orderly, actual));
        }
    }

    [Fact]
    public async Task CreateModel_HandledWhileTheEndpointsCallIsBeforeItsAuditRecord_ShouldStillLinkTheEndpoint()
    {
        var orderly = await CanonicalAsync(CreateModel, CreateConfig, CreateEndpoint);
        var harness = new MonitorHarness();
        var ledger = harness.Ledger;
        // CreateModel runs in full after CreateEndpoint read the graph but before its audit record: neither pass sees the other's call.
        var racing = new BeforeAppend(ledger, AuditKinds.Of("CreateEndpoint"), () => harness.HandleAsync(harness.Audit, MonitorHarness.Fixture(CreateModel), CancellationToken.None));
        var endpointTrail = new AuditTrail(harness.Effects(racing), ledger, harness.Packages, harness.Settings);
        await harness.HandleAsync(harness.Audit, MonitorHarness.Fixture(CreateConfig), CancellationToken.None);

        var outcome = await harness.HandleAsync(endpointTrail, MonitorHarness.Fixture(CreateEndpoint), CancellationToken.None);

        Assert.True(racing.Fired);
        Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome);
        Assert.Contains(new EdgeRecorded(MonitorHarness.CentralPackage, Relations.Serves, Endpoint), outcome.Result.Effects);
        Assert.Equal(orderly, await CanonicalAsync(ledger));
    }

    /// <summary>Replays the fixtures through a fresh harness and renders its ledger canonically.</summary>
    private static async Task<IReadOnlyList<string>> CanonicalAsync(params string[] names)
    {
        var harness = new MonitorHarness();
        foreach (var outcome in await harness.AuditAsync(names))
        {
            Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome);
        }

        return await CanonicalAsync(harness.Ledger);
    }

    /// <summary>
    /// Records, edges, nodes and the endpoint's current link, one line each, sorted; without what depends on when
    /// they were written (recording times, sequence numbers, hashes).
    /// </summary>
    private static async Task<IReadOnlyList<string>> CanonicalAsync(InMemoryLedger ledger)
    {
        var lines = new List<string>();
        var nodes = new HashSet<NodeRef>();
        foreach (var record in ledger.AllRecords)
        {
            nodes.Add(record.Subject);
            lines.Add(string.Join(' ', "record", record.Subject, record.EventId, record.Kind, Time(record.OccurredAt), record.Actor, record.Account,
                record.ModelPackageGroup, Attributes(record.Attributes)));
        }

        foreach (var edge in ledger.AllEdges)
        {
            nodes.Add(edge.From);
            nodes.Add(edge.To);
            lines.Add(string.Join(' ', "edge", edge.From, edge.Relation, edge.To, edge.EventId));
        }

        foreach (var node in nodes)
        {
            if (await ledger.GetNodeAsync(node, CancellationToken.None) is { } stored)
            {
                lines.Add(string.Join(' ', "node", stored.Node, stored.Account, stored.ModelPackageGroup, Attributes(stored.Attributes)));
            }

            if (await ledger.GetCurrentAsync(node, Relations.Runs, CancellationToken.None) is { } runs)
            {
                lines.Add(string.Join(' ', "runs", runs.Subject, "->", runs.Target, Time(runs.ChangedAt), runs.EventId));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Time(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    private static string Attributes(IReadOnlyDictionary<string, string> attributes) =>
        "{" + string.Join(", ", attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value)) + "}";

    private static string Difference(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        string.Join('\n', expected.Except(actual).Select(line => "missing: " + line).Concat(actual.Except(expected).Select(line => "extra: " + line)));

    /// <summary>The distinct orders of the items (a multiset's permutations when an item repeats).</summary>
    private static IEnumerable<IReadOnlyList<string>> Orders(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var first in items.Distinct())
        {
            var rest = items.ToList();
            rest.Remove(first);
            foreach (var tail in Orders(rest))
            {
                yield return [first, .. tail];
            }
        }
    }

    /// <summary>A ledger writer that runs an action once, just before the first append of a given kind.</summary>
    private sealed class BeforeAppend(InMemoryLedger inner, string kind, Func<Task<MonitorOutcome>> action) : ILedgerWriter
    {
        public bool Fired { get; private set; }

        public async Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
        {
            if (!Fired && append.Draft.Kind == kind)
            {
                Fired = true;
                await action();
            }

            return await inner.AppendAsync(append, cancellationToken);
        }

        public Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken) => inner.RecordNodeAsync(node, cancellationToken);

        public Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken) => inner.RecordEdgeAsync(edge, cancellationToken);

        public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken) => inner.SetCurrentAsync(link, cancellationToken);

        public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken) => inner.SetViolationAsync(state, cancellationToken);
    }
}
