using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;
using Governance.Core.Tests.Flows;
using Governance.Local.Ports;

namespace Governance.Core.Tests.Lineage;

/// <summary><c>ModelLifeCycle</c> changes of a central package: on its timeline and, per stage, in its summary.</summary>
public sealed class LifeCycleStageTests
{
    private const string Routing = """{"version":1,"routes":[{"name":"all","target":{"type":"sageMakerPipeline","pipelineName":"deploy"}}]}""";

    [Fact]
    public async Task Summary_AfterLifecycleChanges_ShouldShowTheCurrentStatusOfEachStageInTextHtmlAndJson()
    {
        var fixture = new FlowFixture();
        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);
        var arn = Assert.Single(fixture.Central.Packages).Arn;
        var flow = fixture.Deployment(Routing);
        await flow.RunAsync(FlowFixture.FromFixture("model-package-central-lifecycle-update.json", arn), CancellationToken.None);
        await flow.RunAsync(Stage(arn, "production", "PendingApproval"), CancellationToken.None);
        await flow.RunAsync(Stage(arn, "production", "Approved"), CancellationToken.None);

        var central = new NodeRef(NodeTypes.CentralPackage, arn);
        var service = new LineageService(fixture.Ledger, new LineageLocation("123456789012", "us-east-1"), new InMemoryLocationIndex());
        var lineage = await service.LineageAsync(central, await fixture.Ledger.GetNodeAsync(central, CancellationToken.None), CancellationToken.None);

        Assert.Equal(
            [("staging", "Approved"), ("production", "Approved")],
            lineage.Summary.LifeCycle.Select(stage => (stage.Stage, stage.Status)));
        Assert.Equal(3, fixture.Ledger.AllRecords.Count(record => record.Kind == LifeCycleStages.RecordKind));
        Assert.Matches(@"stage production:\s+Approved by arn:aws:sts::999988887777:assumed-role/ModelRiskManager/maria", TextRenderer.Render(lineage));
        Assert.Contains("Lifecycle stage staging", HtmlRenderer.Render(new LineageReport(lineage, [], DateTimeOffset.UnixEpoch)), StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(lineage, LineageJsonContext.Default.VersionLineageResponse);
        Assert.Contains("\"stage\":\"production\"", json, StringComparison.Ordinal);
    }

    private static Governance.Core.Flows.FlowEvent Stage(string arn, string stage, string status)
    {
        var update = FlowFixture.FromFixture("model-package-central-lifecycle-update.json", arn);
        return update with { Change = update.Change with { LifeCycleStage = stage, LifeCycleStageStatus = status, LifeCycleStageDescription = null } };
    }
}
