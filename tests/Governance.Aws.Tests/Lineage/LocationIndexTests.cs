using Governance.Aws.Tests.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Registry;
using Governance.Testing;

namespace Governance.Aws.Tests.Lineage;

/// <summary>The ledger's S3 location index on moto: filed by the writer, read by bucket and key prefix with one Query per page.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LocationIndexTests(MotoServer moto)
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("s3://data/churn/train/", new[] { "Dataset:s3://data/churn/train/" })]
    [InlineData("s3://data/churn/train", new[] { "Dataset:s3://data/churn/train-2/", "Dataset:s3://data/churn/train/" })]
    [InlineData("s3://data", new[] { "Dataset:s3://data/churn/train-2/", "Dataset:s3://data/churn/train/" })]
    [InlineData("s3://team/churn#1/", new[] { "Artifact:sha256:aaaa" })]
    [InlineData("s3://team/churn%231/", new[] { "Artifact:sha256:bbbb" })]
    [InlineData("s3://team/churn%", new[] { "Artifact:sha256:bbbb" })]
    [InlineData("s3://models/churn/1/model.tar.gz", new[] { "Artifact:sha256:aaaa" })]
    [InlineData("s3://models/churn/2/", new string[0])]
    public async Task Find_ShouldReturnExactlyTheNodesWhoseKeyStartsWithThePrefix(string prefix, string[] expected)
    {
        using var table = await FiledAsync();

        var found = await ReadAllAsync(table, S3Location.ParseOrNull(prefix)!, pageSize: 1);

        Assert.Equal(expected, found.Select(located => located.Node.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Find_AcrossPages_ShouldReturnEachEntryOnceInKeyOrderWithOneQueryPerPageAndNoScan()
    {
        using var table = await FiledAsync();
        table.Dynamo.TakeReads();

        var found = await ReadAllAsync(table, new S3Location("team", string.Empty), pageSize: 1);

        Assert.Equal(["s3://team/churn#1/model.tar.gz", "s3://team/churn%231/notes.txt"], found.Select(located => located.Uri));
        Assert.Equal(["111122223333", "111122223333"], found.Select(located => located.Account));
        var reads = table.Dynamo.TakeReads();
        Assert.All(reads, read => Assert.Equal("Query", read.Operation));
        Assert.All(reads, read => Assert.Equal(read.ItemsRead, read.ItemsReturned));
    }

    [Fact]
    public async Task RecordingANodeAgainWithAnotherLocation_ShouldFileBothOnceAndNameTheSecondRecordersAccount()
    {
        using var table = await FiledAsync();
        var again = new LedgerNode(new NodeRef(NodeTypes.Artifact, "sha256:aaaa"), "444455556666", "fraud",
            new Dictionary<string, string> { ["uri"] = "s3://models/fraud/1/model.tar.gz" }, Noon);

        await table.Writer.RecordNodeAsync(again, CancellationToken.None);
        await table.Writer.RecordNodeAsync(again, CancellationToken.None);

        var models = await ReadAllAsync(table, new S3Location("models", string.Empty), pageSize: 10);
        Assert.Equal(
            [("s3://models/churn/1/model.tar.gz", "111122223333"), ("s3://models/fraud/1/model.tar.gz", "444455556666")],
            models.Select(located => (located.Uri, located.Account)));
        Assert.Equal("111122223333", (await table.Reader.GetNodeAsync(again.Node, CancellationToken.None))!.Account);
    }

    [Fact]
    public async Task Find_WithATokenIssuedForAnotherPrefix_ShouldRefuseIt()
    {
        using var table = await FiledAsync();
        var first = await table.Reader.FindAsync(new S3Location("data", "churn/"), new PageRequest(1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            table.Reader.FindAsync(new S3Location("data", "churn/train/"), new PageRequest(1, first.NextPageToken), CancellationToken.None));
    }

    private async Task<LedgerTestTable> FiledAsync()
    {
        var table = await LedgerTestTable.CreateAsync(moto);
        LedgerNode[] nodes =
        [
            new(new NodeRef(NodeTypes.Dataset, "s3://data/churn/train/"), "111122223333", null, new Dictionary<string, string>(), Noon),
            new(new NodeRef(NodeTypes.Dataset, "s3://data/churn/train-2/"), "111122223333", null, new Dictionary<string, string>(), Noon),
            new(new NodeRef(NodeTypes.Artifact, "sha256:aaaa"), "111122223333", "churn", new Dictionary<string, string>
            {
                ["uri"] = "s3://models/churn/1/model.tar.gz",
                ["sourceUri"] = "s3://team/churn#1/model.tar.gz",
            }, Noon),
            new(new NodeRef(NodeTypes.Artifact, "sha256:bbbb"), "111122223333", "churn", new Dictionary<string, string> { ["sourceUri"] = "s3://team/churn%231/notes.txt" }, Noon),
            new(new NodeRef(NodeTypes.Image, "sha256:cccc"), "111122223333", null, new Dictionary<string, string> { ["uri"] = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:cccc" }, Noon),
        ];
        foreach (var node in nodes)
        {
            await table.Writer.RecordNodeAsync(node, CancellationToken.None);
        }

        return table;
    }

    private static async Task<List<LocatedNode>> ReadAllAsync(LedgerTestTable table, S3Location prefix, int pageSize)
    {
        var found = new List<LocatedNode>();
        string? token = null;
        do
        {
            var page = await table.Reader.FindAsync(prefix, new PageRequest(pageSize, token), CancellationToken.None);
            Assert.True(page.Items.Count <= pageSize);
            found.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return found;
    }
}
