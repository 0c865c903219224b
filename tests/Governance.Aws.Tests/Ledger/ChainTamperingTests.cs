using Amazon.DynamoDBv2.Model;
using Governance.Core.Ledger;
using Governance.Testing;
using static Governance.Aws.Tests.Ledger.LedgerSamples;

namespace Governance.Aws.Tests.Ledger;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class ChainTamperingTests(MotoServer moto)
{
    private static readonly NodeRef Subject = Node(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4");

    [Fact]
    public async Task Verify_UntouchedChains_ShouldFindNothing()
    {
        using var table = await ChainOfFiveAsync();

        var chains = await ReadAllAsync(table);

        Assert.Equal(2, chains.Count);
        Assert.All(chains, chain => Assert.Empty(ChainVerifier.Verify(chain)));
    }

    [Fact]
    public async Task Verify_WhenAFieldWasChanged_ShouldReportTheAlteredRecord()
    {
        using var table = await ChainOfFiveAsync();
        await UpdateAsync(table, 3, "SET Actor = :actor", new() { [":actor"] = new AttributeValue { S = "arn:aws:iam::123456789012:user/mallory" } });

        var findings = ChainVerifier.Verify(await table.Chains.ReadChainAsync(Subject, CancellationToken.None));

        var finding = Assert.Single(findings);
        Assert.Equal((ChainFindingKind.Altered, 3L), (finding.Kind, finding.Sequence));
    }

    [Fact]
    public async Task Verify_WhenARecordWasDeleted_ShouldReportItMissing()
    {
        using var table = await ChainOfFiveAsync();
        await table.Dynamo.DeleteItemAsync(table.Name, Key(2), CancellationToken.None);
        await table.Dynamo.DeleteItemAsync(table.Name, Key(5), CancellationToken.None);

        var findings = ChainVerifier.Verify(await table.Chains.ReadChainAsync(Subject, CancellationToken.None));

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Missing, Sequence: 2 });
        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Missing, Sequence: 5 });
    }

    [Fact]
    public async Task Verify_WhenTwoRecordsWereSwapped_ShouldReportThemReordered()
    {
        using var table = await ChainOfFiveAsync();
        var second = (await table.Dynamo.GetItemAsync(table.Name, Key(2), CancellationToken.None)).Item;
        var third = (await table.Dynamo.GetItemAsync(table.Name, Key(3), CancellationToken.None)).Item;
        (second["SK"], third["SK"]) = (third["SK"], second["SK"]);
        await table.Dynamo.PutItemAsync(table.Name, second, CancellationToken.None);
        await table.Dynamo.PutItemAsync(table.Name, third, CancellationToken.None);

        var findings = ChainVerifier.Verify(await table.Chains.ReadChainAsync(Subject, CancellationToken.None));

        Assert.Contains(findings, finding => finding is { Kind: ChainFindingKind.Reordered, Sequence: 2 });
    }

    [Fact]
    public async Task ReadAllChains_WhenAHeadWasDeleted_ShouldStillFindTheChainAndReportIt()
    {
        using var table = await ChainOfFiveAsync();
        await table.Dynamo.DeleteItemAsync(table.Name, new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = $"NODE#{Subject.Type}#{Subject.Id}" },
            ["SK"] = new() { S = "HEAD" },
        }, CancellationToken.None);

        var chain = Assert.Single(await ReadAllAsync(table), chain => chain.Subject == Subject);

        Assert.Contains(ChainVerifier.Verify(chain), finding => finding.Kind == ChainFindingKind.HeadMismatch);
    }

    private async Task<LedgerTestTable> ChainOfFiveAsync()
    {
        var table = await LedgerTestTable.CreateAsync(moto);
        for (var i = 1; i <= 5; i++)
        {
            await table.Writer.AppendAsync(Draft(Subject, $"e{i}"), CancellationToken.None);
        }

        await table.Writer.AppendAsync(Draft(Node(NodeTypes.Endpoint, "churn"), "other"), CancellationToken.None);
        return table;
    }

    private static async Task<List<StoredChain>> ReadAllAsync(LedgerTestTable table)
    {
        var chains = new List<StoredChain>();
        await foreach (var chain in table.Chains.ReadAllChainsAsync(CancellationToken.None))
        {
            chains.Add(chain);
        }

        return chains;
    }

    private static Dictionary<string, AttributeValue> Key(int sequence) => new()
    {
        ["PK"] = new() { S = $"NODE#{Subject.Type}#{Subject.Id}" },
        ["SK"] = new() { S = $"EVT#{sequence:D12}" },
    };

    private static async Task UpdateAsync(LedgerTestTable table, int sequence, string expression, Dictionary<string, AttributeValue> values) =>
        _ = await table.Dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = Key(sequence),
            UpdateExpression = expression,
            ExpressionAttributeValues = values,
        });
}
