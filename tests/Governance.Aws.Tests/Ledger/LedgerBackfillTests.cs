using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Registry;
using Governance.Testing;

namespace Governance.Aws.Tests.Ledger;

/// <summary>Items written before scoped queries existed, brought to the keys those queries read, on moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LedgerBackfillTests(MotoServer moto) : IDisposable
{
    private const string Team = "111122223333";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly IAmazonDynamoDB _dynamo = MotoContext.Sdk(moto).DynamoDb(MotoContext.SdkCredentials);

    public void Dispose() => _dynamo.Dispose();

    /// <summary>A table holding one dataset location and one open violation as the previous version wrote them.</summary>
    private async Task<string> LegacyTableAsync()
    {
        var table = MotoServer.UniqueName("backfill");
        await LedgerTableDefinition.CreateAsync(_dynamo, table, CancellationToken.None);
        var writer = new DynamoDbLedgerWriter(_dynamo, table, TimeProvider.System);
        await writer.RecordNodeAsync(new LedgerNode(new NodeRef(NodeTypes.Dataset, "s3://team-data/churn/train/"), Team, "churn", new Dictionary<string, string>(), At), CancellationToken.None);
        var violation = new NodeRef(NodeTypes.Violation, $"rule|AWS::SageMaker::Endpoint|churn|{Team}|us-east-1");
        await writer.SetViolationAsync(
            new ViolationState(violation, new NodeRef(NodeTypes.Endpoint, $"arn:aws:sagemaker:us-east-1:{Team}:endpoint/churn"), "rule", "high", Team, ViolationStatus.Open, At, "e1"),
            CancellationToken.None);

        await _dynamo.DeleteItemAsync(table, new()
        {
            ["PK"] = new AttributeValue($"LOC#{Team}#s3://team-data"),
            ["SK"] = (await _dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue($"LOC#{Team}#s3://team-data") },
            })).Items.Single()["SK"],
        });
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new() { ["PK"] = new AttributeValue("NODE#Violation#" + violation.Id), ["SK"] = new AttributeValue("STATE") },
            UpdateExpression = "SET OpenSK = :legacy",
            ExpressionAttributeValues = new() { [":legacy"] = new AttributeValue($"{LedgerTime.Format(At)}#{violation.Id}") },
        });
        return table;
    }

    [Fact]
    public async Task Backfill_ShouldMakeLegacyItemsVisibleToScopedQueriesAndChangeNothingTheSecondTime()
    {
        var table = await LegacyTableAsync();
        var reader = new DynamoDbLedgerReader(_dynamo, table, PageTokenCodec.WithRandomKey());
        var prefix = S3Location.ParseOrNull("s3://team-data/churn/")!;
        Assert.Empty((await reader.FindAsync(prefix, Team, new PageRequest(), CancellationToken.None)).Items);
        Assert.Empty((await reader.GetOpenViolationsAsync(Team, new PageRequest(), CancellationToken.None)).Items);

        var first = await new LedgerBackfill(_dynamo, table).RunAsync(CancellationToken.None);
        var second = await new LedgerBackfill(_dynamo, table).RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (first.LocationsCopied, first.ViolationsRekeyed));
        Assert.Equal((0, 0), (second.LocationsCopied, second.ViolationsRekeyed));
        Assert.Equal("s3://team-data/churn/train/", Assert.Single((await reader.FindAsync(prefix, Team, new PageRequest(), CancellationToken.None)).Items).Uri);
        Assert.Equal("e1", Assert.Single((await reader.GetOpenViolationsAsync(Team, new PageRequest(), CancellationToken.None)).Items).EventId);
        Assert.Empty((await reader.GetOpenViolationsAsync("444455556666", new PageRequest(), CancellationToken.None)).Items);
    }
}
