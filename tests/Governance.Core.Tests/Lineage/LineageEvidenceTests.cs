using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Monitors;
using Governance.Core.Registry;
using Governance.Core.Tests.Flows;
using Governance.Core.Tests.Monitors;
using Governance.Local.Ports;

namespace Governance.Core.Tests.Lineage;

/// <summary>
/// What the lineage shows about approvals and deployments is backed by hash-chained records: the flows and the
/// audit trail append them, the view reads approvals from them, and a rewrite of a node or a forged edge (which no
/// chain protects) is reported by <see cref="EvidenceVerifier"/>, as <c>governance ledger verify</c> prints it.
/// </summary>
public sealed class LineageEvidenceTests
{
    private const string Routing = """{"version":1,"routes":[{"name":"all","target":{"type":"sageMakerPipeline","pipelineName":"deploy"}}]}""";
    private const string Approver = "arn:aws:sts::111111111111:assumed-role/Approver/jane";

    [Fact]
    public async Task SyncAndDeployment_ShouldBackEveryApproverSourceAndDeploymentEdgeWithAChainedRecord()
    {
        var (fixture, central) = await DeployedAsync();

        Assert.Empty(await FindingsAsync(fixture.Ledger));
        var graph = await fixture.Ledger.ReadGraphAsync(CancellationToken.None);
        var execution = Assert.Single(graph.Edges, edge => edge.Relation == Relations.DeployedBy).To;
        Assert.Contains(graph.Edges, edge => edge.Relation == Relations.CopiedTo && edge.To == central);
        var launched = Assert.Single(fixture.Ledger.AllRecords, record => record.Subject == execution);
        Assert.Equal(EvidenceVerifier.ExecutionLaunched, launched.Kind);
        Assert.Equal(central.Id, launched.Attributes["centralPackageArn"]);
        Assert.Equal(Approver, launched.Attributes["approvedBy"]);
    }

    [Fact]
    public async Task ApproverRewrittenOnTheSourceNode_ShouldDisagreeWithTheChainAndNotChangeTheLineage()
    {
        var (fixture, central) = await DeployedAsync();
        var sourceRef = new NodeRef(NodeTypes.SourcePackage, FlowFixture.SourceArn);
        var source = (await fixture.Ledger.GetNodeAsync(sourceRef, CancellationToken.None))!;
        var attributes = new Dictionary<string, string>(source.Attributes) { ["approvedBy"] = "arn:aws:iam::111111111111:user/mallory" };

        fixture.Ledger.OverwriteNode(source with { Attributes = attributes });

        var finding = Assert.Single(await FindingsAsync(fixture.Ledger));
        Assert.StartsWith($"DISAGREES {sourceRef} approvedBy: the node says 'arn:aws:iam::111111111111:user/mallory', its chain (#1, model.approved) says '{Approver}'", finding, StringComparison.Ordinal);
        var service = new LineageService(fixture.Ledger, new LineageLocation("123456789012", "us-east-1"), new InMemoryLocationIndex());
        var lineage = await service.LineageAsync(central, await fixture.Ledger.GetNodeAsync(central, CancellationToken.None), CancellationToken.None);
        Assert.Equal(Approver, lineage.Summary.LocalApproval.By);
        Assert.Equal(Approver, lineage.Upstream.Approver);
    }

    [Fact]
    public async Task ExecutionNodePointedAtAnotherPackage_ShouldDisagreeWithItsLaunchRecord()
    {
        var (fixture, _) = await DeployedAsync();
        var execution = (await fixture.Ledger.ReadGraphAsync(CancellationToken.None)).Nodes.Single(node => node.Node.Type == NodeTypes.PipelineExecution);
        var attributes = new Dictionary<string, string>(execution.Attributes) { ["centralPackageArn"] = "arn:aws:sagemaker:us-east-1:123456789012:model-package/credit-risk/99" };

        fixture.Ledger.OverwriteNode(execution with { Attributes = attributes });

        Assert.StartsWith($"DISAGREES {execution.Node} centralPackageArn:", Assert.Single(await FindingsAsync(fixture.Ledger)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedDeploymentEdges_ShouldBeReportedAsUnbacked()
    {
        var (fixture, central) = await DeployedAsync();
        var forgedExecution = new NodeRef(NodeTypes.PipelineExecution, "arn:aws:sagemaker:us-east-1:123456789012:pipeline/deploy/execution/forged");
        var endpoint = new NodeRef(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod");

        await fixture.Ledger.RecordEdgeAsync(new LedgerEdge(central, Relations.DeployedBy, forgedExecution, DateTimeOffset.UtcNow, null), CancellationToken.None);
        await fixture.Ledger.RecordEdgeAsync(new LedgerEdge(central, Relations.Serves, endpoint, DateTimeOffset.UtcNow, null), CancellationToken.None);

        var findings = await FindingsAsync(fixture.Ledger);
        Assert.Equal(2, findings.Count);
        Assert.Contains($"UNBACKED {central} -{Relations.DeployedBy}-> {forgedExecution}: no chained record of either end states this edge", findings);
        Assert.Contains($"UNBACKED {central} -{Relations.Serves}-> {endpoint}: no chained record of either end states this edge", findings);
    }

    [Fact]
    public async Task AuditedDeploymentGraph_ShouldBeBackedByTheAuditRecordsAndAForgedModelEdgeReported()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");
        var graph = await harness.Ledger.ReadGraphAsync(CancellationToken.None);
        Assert.Contains(graph.Edges, edge => edge is { Relation: Relations.UsedBy, To.Type: NodeTypes.Model });
        Assert.Contains(graph.Edges, edge => edge is { Relation: Relations.UsedBy, To.Type: NodeTypes.EndpointConfig });
        Assert.Contains(graph.Edges, edge => edge is { Relation: Relations.UsedBy, To.Type: NodeTypes.Endpoint });
        Assert.Contains(graph.Edges, edge => edge.Relation == Relations.Serves);
        Assert.Empty(await FindingsAsync(harness.Ledger));

        var config = graph.Edges.First(edge => edge.To.Type == NodeTypes.EndpointConfig).To;
        var otherModel = new NodeRef(NodeTypes.Model, "arn:aws:sagemaker:us-east-1:999988887777:model/not-deployed");
        await harness.Ledger.RecordEdgeAsync(new LedgerEdge(otherModel, Relations.UsedBy, config, DateTimeOffset.UtcNow, null), CancellationToken.None);

        Assert.Equal($"UNBACKED {otherModel} -{Relations.UsedBy}-> {config}: no chained record of either end states this edge", Assert.Single(await FindingsAsync(harness.Ledger)));
    }

    private static async Task<(FlowFixture Fixture, NodeRef Central)> DeployedAsync()
    {
        var fixture = new FlowFixture();
        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);
        var central = new NodeRef(NodeTypes.CentralPackage, Assert.Single(fixture.Central.Packages).Arn);
        fixture.Central.Decide(central.Id, ModelPackage.Approved);
        await fixture.Deployment(Routing).RunAsync(FlowFixture.Approval(central.Id), CancellationToken.None);
        return (fixture, central);
    }

    private static async Task<IReadOnlyList<string>> FindingsAsync(InMemoryLedger ledger)
    {
        var verifier = new EvidenceVerifier();
        await foreach (var chain in ledger.ReadAllChainsAsync(CancellationToken.None))
        {
            verifier.Add(chain);
        }

        var graph = await ledger.ReadGraphAsync(CancellationToken.None);
        return [.. graph.Nodes.SelectMany(verifier.Check), .. graph.Edges.SelectMany(verifier.Check)];
    }
}
