using Governance.Core.Ledger;
using Governance.Testing;
using static Governance.Aws.Tests.Ledger.LedgerSamples;

namespace Governance.Aws.Tests.Ledger;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LedgerAppendTests(MotoServer moto)
{
    [Fact]
    public async Task Append_FromEightConcurrentWriters_ShouldKeepEveryRecordOnceInOneValidChain()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var subject = Node(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");
        const int writers = 8;
        const int perWriter = 6;

        var appended = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var records = new List<LedgerRecord>();
            for (var i = 0; i < perWriter; i++)
            {
                records.Add(await table.Writer.AppendAsync(Draft(subject, $"w{writer}-e{i}"), CancellationToken.None));
            }

            return records;
        })));

        var chain = await table.Chains.ReadChainAsync(subject, CancellationToken.None);
        Assert.Equal(writers * perWriter, chain.Records.Count);
        Assert.Equal(
            appended.SelectMany(records => records).Select(record => record.EventId).Order(StringComparer.Ordinal),
            chain.Records.Select(record => record.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), chain.Records.Select(record => record.Sequence));
        Assert.Empty(ChainVerifier.Verify(chain));
    }

    [Fact]
    public async Task Append_SameEventConcurrently_ShouldRecordItOnceAndReturnThatRecordToEveryCaller()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var subject = Node(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");
        await table.Writer.AppendAsync(Draft(subject, "first"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => table.Writer.AppendAsync(Draft(subject, "duplicated"), CancellationToken.None))));

        var chain = await table.Chains.ReadChainAsync(subject, CancellationToken.None);
        Assert.Equal(2, chain.Records.Count);
        Assert.All(results, result => Assert.Equal(chain.Records[1].Hash, result.Hash));
        Assert.Empty(ChainVerifier.Verify(chain));
    }

    [Fact]
    public async Task Append_ShouldLinkEachRecordToThePreviousHashAndMoveTheHead()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var subject = Node(NodeTypes.Dataset, "s3://data/churn/train.csv");

        var first = await table.Writer.AppendAsync(Draft(subject, "a"), CancellationToken.None);
        var second = await table.Writer.AppendAsync(Draft(subject, "b"), CancellationToken.None);

        Assert.Equal(ChainHash.Genesis, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(ChainHash.Compute(second), second.Hash);
        var chain = await table.Chains.ReadChainAsync(subject, CancellationToken.None);
        Assert.Equal(new ChainHead(subject, 2, second.Hash), chain.Head);
        Assert.Equal([first.Hash, second.Hash], chain.Records.Select(record => record.Hash));
        Assert.All(chain.Records, record => Assert.Equal(ChainHash.Compute(record), record.Hash));
    }

    [Fact]
    public async Task RecordNodeAndEdge_WhenRecordedAgain_ShouldKeepTheFirstRecording()
    {
        using var table = await LedgerTestTable.CreateAsync(moto);
        var package = Node(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/g/3");
        var first = new LedgerNode(package, "123456789012", "g", new Dictionary<string, string> { ["approver"] = "alice" }, Noon);

        await table.Writer.RecordNodeAsync(first, CancellationToken.None);
        await table.Writer.RecordNodeAsync(first with { Attributes = new Dictionary<string, string>(), RecordedAt = Noon.AddHours(1) }, CancellationToken.None);
        var image = Node(NodeTypes.Image, "sha256:abc");
        await table.Writer.RecordEdgeAsync(Edge(image, Relations.UsedBy, package), CancellationToken.None);
        await table.Writer.RecordEdgeAsync(Edge(image, Relations.UsedBy, package) with { RecordedAt = Noon.AddDays(1) }, CancellationToken.None);

        var stored = await table.Reader.GetNodeAsync(package, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("alice", stored.Attributes["approver"]);
        Assert.Equal(Noon, stored.RecordedAt);
        var edges = await table.Reader.GetNeighboursAsync(image, LineageDirection.Downstream, null, new PageRequest(), CancellationToken.None);
        Assert.Equal(Noon, Assert.Single(edges.Items).RecordedAt);
    }
}
