using Governance.Core.Ledger;
using Governance.Testing;
using static Governance.Aws.Tests.Ledger.LedgerSamples;

namespace Governance.Aws.Tests.Ledger;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LedgerQueryTests(MotoServer moto)
{
    private static readonly NodeRef Dataset = Node(NodeTypes.Dataset, "s3://data/churn/train.csv");
    private static readonly NodeRef Image = Node(NodeTypes.Image, "sha256:1111");
    private static readonly NodeRef Job = Node(NodeTypes.TrainingJob, "arn:aws:sagemaker:us-east-1:111122223333:training-job/churn-7");
    private static readonly NodeRef Artifact = Node(NodeTypes.Artifact, "sha256:2222");
    private static readonly NodeRef Source = Node(NodeTypes.SourcePackage, "arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/7");
    private static readonly NodeRef Central = Node(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");
    private static readonly NodeRef OtherCentral = Node(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/2");
    private static readonly NodeRef Execution = Node(NodeTypes.PipelineExecution, "arn:aws:sagemaker:us-east-1:123456789012:pipeline/deploy/execution/abc");
    private static readonly NodeRef Endpoint = Node(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");

    private static readonly LedgerEdge[] Graph =
    [
        Edge(Dataset, Relations.TrainedOn, Job),
        Edge(Image, Relations.BuiltWith, Job),
        Edge(Job, Relations.Produced, Artifact),
        Edge(Artifact, Relations.PackagedAs, Source),
        Edge(Source, Relations.CopiedTo, Central),
        Edge(Dataset, Relations.UsedBy, Central),
        Edge(Image, Relations.UsedBy, Central),
        Edge(Artifact, Relations.UsedBy, Central),
        Edge(Dataset, Relations.UsedBy, OtherCentral),
        Edge(Central, Relations.DeployedBy, Execution),
        Edge(Central, Relations.Serves, Endpoint),
    ];

    [Fact]
    public async Task Lineage_Upstream_ShouldWalkToTheGivenDepthAcrossPages()
    {
        using var table = await WithGraphAsync();

        var shallow = await CollectLineageAsync(table, new LineageQuery(Central, LineageDirection.Upstream, 1), pageSize: 2);
        var deep = await CollectLineageAsync(table, new LineageQuery(Central, LineageDirection.Upstream, 5), pageSize: 2);

        Assert.Equal(
            new[] { "Artifact", "Dataset", "Image", "SourcePackage" },
            shallow.Steps.Select(step => step.Edge.From.Type).Order(StringComparer.Ordinal));
        Assert.All(shallow.Steps, step => Assert.Equal(1, step.Depth));
        Assert.True(shallow.Pages >= 2);
        Assert.Equal(
            Graph.Where(edge => edge.To != Endpoint && edge.To != Execution && edge.To != OtherCentral)
                .Select(Describe).Order(StringComparer.Ordinal),
            deep.Steps.Select(step => Describe(step.Edge)).Order(StringComparer.Ordinal));
        Assert.Contains(deep.Steps, step => step.Edge.From == Dataset && step.Edge.To == Job && step.Depth == 3);
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task Lineage_Downstream_ShouldReachDeploymentsOfWhatADatasetTrained()
    {
        using var table = await WithGraphAsync();

        var walk = await CollectLineageAsync(table, new LineageQuery(Dataset, LineageDirection.Downstream, 2), pageSize: 3);

        Assert.Contains(walk.Steps, step => step.Edge.To == Endpoint && step.Depth == 2);
        Assert.Contains(walk.Steps, step => step.Edge.To == Artifact && step.Depth == 2);
        Assert.DoesNotContain(walk.Steps, step => step.Depth > 2);
        Assert.Equal(walk.Steps.Count, walk.Steps.Select(step => Describe(step.Edge)).Distinct().Count());
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task Neighbours_OfType_ShouldListTheModelVersionsThatUsedADatasetImageOrArtifact()
    {
        using var table = await WithGraphAsync();

        var byDataset = await CollectAsync(token => table.Reader.GetNeighboursAsync(
            Dataset, LineageDirection.Downstream, NodeTypes.CentralPackage, new PageRequest(1, token), CancellationToken.None));
        var byImage = await table.Reader.GetNeighboursAsync(
            Image, LineageDirection.Downstream, NodeTypes.CentralPackage, new PageRequest(), CancellationToken.None);
        var inputs = await table.Reader.GetNeighboursAsync(
            Central, LineageDirection.Upstream, null, new PageRequest(), CancellationToken.None);

        Assert.Equal([Central, OtherCentral], byDataset.Select(edge => edge.To).OrderBy(node => node.Id, StringComparer.Ordinal));
        Assert.Equal(Central, Assert.Single(byImage.Items).To);
        Assert.Equal(4, inputs.Items.Count);
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task Current_ShouldAnswerWhatRunsOnAnEndpointAndIgnoreAnOlderChangeArrivingLate()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        await table.Writer.SetCurrentAsync(new CurrentLink(Endpoint, Relations.Runs, Central, Noon, "e1"), CancellationToken.None);
        await table.Writer.SetCurrentAsync(new CurrentLink(Endpoint, Relations.Runs, OtherCentral, Noon.AddHours(2), "e3"), CancellationToken.None);
        await table.Writer.SetCurrentAsync(new CurrentLink(Endpoint, Relations.Runs, Central, Noon.AddHours(1), "e2"), CancellationToken.None);
        table.Dynamo.TakeReads();

        var current = await table.Reader.GetCurrentAsync(Endpoint, Relations.Runs, CancellationToken.None);
        var none = await table.Reader.GetCurrentAsync(Node(NodeTypes.Endpoint, "never-deployed"), Relations.Runs, CancellationToken.None);

        Assert.Equal(OtherCentral, current?.Target);
        Assert.Null(none);
        Assert.All(table.Dynamo.TakeReads(), read => Assert.Equal(("GetItem", true), (read.Operation, read.Consistent)));
    }

    [Fact]
    public async Task Timeline_ShouldPageThroughASubjectsRecordsInSequenceOrder()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        for (var i = 0; i < 7; i++)
        {
            await table.Writer.AppendAsync(Draft(Central, $"e{i}"), CancellationToken.None);
            await table.Writer.AppendAsync(Draft(Endpoint, $"other{i}"), CancellationToken.None);
        }

        table.Dynamo.TakeReads();
        var timeline = await CollectAsync(token => table.Reader.GetTimelineAsync(Central, new PageRequest(3, token), CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"e{i}"), timeline.Select(record => record.EventId));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), timeline.Select(record => record.Sequence));
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task AccountAndGroupActivity_ShouldReturnOnlyThatAccountsOrGroupsRecordsInTimeOrder()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        for (var i = 0; i < 5; i++)
        {
            await table.Writer.AppendAsync(Draft(Central, $"a{i}", Noon.AddMinutes(10 - i), "111122223333", "churn"), CancellationToken.None);
            await table.Writer.AppendAsync(Draft(Endpoint, $"b{i}", Noon.AddMinutes(i), "444455556666", "fraud"), CancellationToken.None);
        }

        table.Dynamo.TakeReads();
        var account = await CollectAsync(token => table.Reader.GetAccountActivityAsync("111122223333", new PageRequest(2, token), CancellationToken.None));
        var group = await CollectAsync(token => table.Reader.GetGroupActivityAsync("fraud", new PageRequest(2, token), CancellationToken.None));

        Assert.Equal(["a4", "a3", "a2", "a1", "a0"], account.Select(record => record.EventId));
        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], group.Select(record => record.EventId));
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task Activity_ShouldReturnRecordsInTheHalfOpenIntervalAcrossDays()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var start = new DateTimeOffset(2025, 1, 30, 23, 0, 0, TimeSpan.Zero);
        var instants = new[] { start.AddMinutes(-1), start, start.AddHours(2), start.AddDays(1), start.AddDays(3).AddTicks(-1), start.AddDays(3) };
        for (var i = 0; i < instants.Length; i++)
        {
            await table.Writer.AppendAsync(Draft(Central, $"t{i}", instants[i]), CancellationToken.None);
        }

        table.Dynamo.TakeReads();
        var inside = await CollectAsync(token => table.Reader.GetActivityAsync(start, start.AddDays(3), new PageRequest(2, token), CancellationToken.None));
        var empty = await table.Reader.GetActivityAsync(start.AddDays(10), start.AddDays(11), new PageRequest(), CancellationToken.None);

        Assert.Equal(["t1", "t2", "t3", "t4"], inside.Select(record => record.EventId));
        Assert.Empty(empty.Items);
        Assert.Null(empty.NextPageToken);
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task OpenViolations_ShouldListOnlyViolationsWhoseLatestStateIsOpen()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        ViolationState Violation(string id, ViolationStatus status, DateTimeOffset at) =>
            new(Node(NodeTypes.Violation, id), Endpoint, "endpoint-encrypted", "HIGH", "123456789012", status, at, $"{id}-{status}");

        await table.Writer.SetViolationAsync(Violation("v1", ViolationStatus.Open, Noon), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v2", ViolationStatus.Open, Noon.AddMinutes(1)), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v3", ViolationStatus.Open, Noon.AddMinutes(2)), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v2", ViolationStatus.Resolved, Noon.AddMinutes(5)), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v3", ViolationStatus.Resolved, Noon.AddMinutes(3)), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v3", ViolationStatus.Open, Noon.AddMinutes(4)), CancellationToken.None);
        await table.Writer.SetViolationAsync(Violation("v1", ViolationStatus.Resolved, Noon.AddMinutes(-1)), CancellationToken.None);
        table.Dynamo.TakeReads();

        var open = await CollectAsync(token => table.Reader.GetOpenViolationsAsync(new PageRequest(1, token), CancellationToken.None));

        Assert.Equal(["v1", "v3"], open.Select(state => state.Violation.Id));
        AssertReadOnlyWhatWasReturned(table);
    }

    [Fact]
    public async Task PageToken_WhenAlteredOrGivenToAnotherQuery_ShouldBeRefused()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        for (var i = 0; i < 3; i++)
        {
            await table.Writer.AppendAsync(Draft(Central, $"e{i}", account: "111122223333"), CancellationToken.None);
            await table.Writer.AppendAsync(Draft(Endpoint, $"e{i}", account: "444455556666"), CancellationToken.None);
        }

        var first = await table.Reader.GetTimelineAsync(Central, new PageRequest(1), CancellationToken.None);
        var token = Assert.IsType<string>(first.NextPageToken);
        var altered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        var fromAnotherKey = await new Governance.Aws.Ledger.DynamoDbLedgerReader(table.Dynamo, table.Name, Governance.Aws.Ledger.PageTokenCodec.WithRandomKey())
            .GetTimelineAsync(Central, new PageRequest(1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.GetTimelineAsync(Endpoint, new PageRequest(1, token), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.GetAccountActivityAsync("111122223333", new PageRequest(1, token), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.GetTimelineAsync(Central, new PageRequest(1, altered), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.GetTimelineAsync(Central, new PageRequest(1, fromAnotherKey.NextPageToken), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.GetTimelineAsync(Central, new PageRequest(1, "eyJLZXkiOnt9fQ.AAAA"), CancellationToken.None));
        var second = await table.Reader.GetTimelineAsync(Central, new PageRequest(1, token), CancellationToken.None);
        Assert.Equal("e1", Assert.Single(second.Items).EventId);
    }

    private async Task<LedgerTestTable> WithGraphAsync()
    {
        var table = await LedgerTestTable.CreateAsync(moto);
        foreach (var edge in Graph)
        {
            await table.Writer.RecordEdgeAsync(edge, CancellationToken.None);
        }

        table.Dynamo.TakeReads();
        return table;
    }

    private static async Task<(List<LineageStep> Steps, int Pages)> CollectLineageAsync(LedgerTestTable table, LineageQuery query, int pageSize)
    {
        var steps = new List<LineageStep>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await table.Reader.GetLineageAsync(query, new PageRequest(pageSize, token), CancellationToken.None);
            Assert.True(page.Items.Count <= pageSize);
            steps.AddRange(page.Items);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        return (steps, pages);
    }

    private static async Task<List<T>> CollectAsync<T>(Func<string?, Task<LedgerPage<T>>> query)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var page = await query(token);
            items.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return items;
    }

    /// <summary>No Scan, and every Query read exactly the items it returned.</summary>
    private static void AssertReadOnlyWhatWasReturned(LedgerTestTable table)
    {
        var reads = table.Dynamo.TakeReads();
        Assert.NotEmpty(reads);
        Assert.DoesNotContain(reads, read => read.Operation == "Scan");
        Assert.All(reads, read => Assert.Equal(read.ItemsReturned, read.ItemsRead));
        Assert.All(reads.Where(read => read.Index is null), read => Assert.True(read.Consistent, read.Operation + " on the base table must read consistently"));
    }

    private static string Describe(LedgerEdge edge) => $"{edge.From} -{edge.Relation}-> {edge.To}";
}
