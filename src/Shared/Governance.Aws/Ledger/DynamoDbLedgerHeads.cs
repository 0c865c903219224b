using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Ledger;
using Governance.Core.Ledger.Anchoring;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// Chain heads from the sparse Heads index (one Query per shard, never a Scan), and the digest head item
/// (<c>ANCHOR#DIGEST</c>/<c>HEAD</c>) the anchoring function moves with a conditional put.
/// </summary>
public sealed class DynamoDbLedgerHeads(IAmazonDynamoDB dynamo, string tableName) : ILedgerHeads
{
    public async IAsyncEnumerable<AnchoredHead> ReadHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < T.HeadShards; shard++)
        {
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                var response = await dynamo.QueryAsync(
                    new QueryRequest
                    {
                        TableName = tableName,
                        IndexName = T.HeadsIndex,
                        KeyConditionExpression = "#pk = :pk",
                        ExpressionAttributeNames = new() { ["#pk"] = T.HeadsPartitionKey },
                        ExpressionAttributeValues = new() { [":pk"] = LedgerItems.S(LedgerKeys.HeadShard(shard)) },
                        ExclusiveStartKey = startKey,
                    },
                    cancellationToken);
                foreach (var item in response.Items ?? [])
                {
                    var head = LedgerItems.ToHead(item);
                    yield return new AnchoredHead(head.Subject, head.Sequence, head.Hash);
                }

                startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }
    }

    public async Task<DigestHead?> ReadDigestHeadAsync(CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = LedgerItems.Key(LedgerKeys.DigestHeadPartition, LedgerKeys.HeadSort), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? new DigestHead(LedgerItems.Number(item, "Number"), LedgerItems.Text(item, "Hash")) : null;
    }

    public async Task<bool> MoveDigestHeadAsync(DigestHead? previous, LedgerDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var item = LedgerItems.Key(LedgerKeys.DigestHeadPartition, LedgerKeys.HeadSort);
        item[LedgerItems.ItemType] = LedgerItems.S("DigestHead");
        item["Number"] = LedgerItems.N(digest.Number);
        item["Hash"] = LedgerItems.S(digest.Hash);
        var request = new PutItemRequest { TableName = tableName, Item = item, ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey } };
        if (previous is null)
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
        }
        else
        {
            request.ConditionExpression = "#number = :number AND #hash = :hash";
            request.ExpressionAttributeNames = new() { ["#number"] = "Number", ["#hash"] = "Hash" };
            request.ExpressionAttributeValues = new() { [":number"] = LedgerItems.N(previous.Number), [":hash"] = LedgerItems.S(previous.Hash) };
        }

        try
        {
            await dynamo.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
