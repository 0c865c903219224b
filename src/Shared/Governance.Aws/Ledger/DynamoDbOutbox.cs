using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// The notifications outbox in the ledger table. <see cref="DynamoDbLedgerWriter"/> queues messages in the append
/// transaction of the record that decides them, under their cause's partition; each pending message also carries
/// the keys of the sparse <see cref="T.PendingOutboxIndex"/>, which marking it sent removes.
/// </summary>
public sealed class DynamoDbOutbox(IAmazonDynamoDB dynamo, string tableName, TimeSpan retention) : IOutbox
{
    public DynamoDbOutbox(IAmazonDynamoDB dynamo, string tableName)
        : this(dynamo, tableName, DynamoDbEffectStore.DefaultRetention)
    {
    }

    public async Task<IReadOnlyList<OutboxEntry>> ForEventAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var entries = new List<OutboxEntry>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = tableName,
                    ConsistentRead = true,
                    KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                    ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#sk"] = T.SortKey },
                    ExpressionAttributeValues = new()
                    {
                        [":pk"] = LedgerItems.S(LedgerKeys.Effects(eventId)),
                        [":prefix"] = LedgerItems.S(LedgerKeys.OutboxPrefix),
                    },
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);
            entries.AddRange((response.Items ?? []).Select(OutboxItems.To));
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return entries;
    }

    public async Task<bool> MarkSentAsync(EffectId id, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = LedgerItems.Key(LedgerKeys.Effects(id.Cause), LedgerKeys.Outbox(id)),
                    UpdateExpression = "SET #message = :message, #sent = :sent, #expires = :expires REMOVE #pendPk, #pendSk",
                    ConditionExpression = "attribute_exists(#pk) AND attribute_not_exists(#message)",
                    ExpressionAttributeNames = new()
                    {
                        ["#pk"] = T.PartitionKey,
                        ["#message"] = "MessageId",
                        ["#sent"] = "SentAt",
                        ["#expires"] = T.TimeToLiveAttribute,
                        ["#pendPk"] = T.PendingOutboxPartitionKey,
                        ["#pendSk"] = T.PendingOutboxSortKey,
                    },
                    ExpressionAttributeValues = new()
                    {
                        [":message"] = LedgerItems.S(messageId),
                        [":sent"] = LedgerItems.S(LedgerTime.Format(sentAt)),
                        [":expires"] = LedgerItems.N((sentAt + retention).ToUnixTimeSeconds()),
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // Sent already (a concurrent drain, or this update's lost answer): the first message id stands.
            return false;
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(DateTimeOffset queuedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                IndexName = T.PendingOutboxIndex,
                KeyConditionExpression = "#pk = :pk AND #sk < :before",
                ExpressionAttributeNames = new() { ["#pk"] = T.PendingOutboxPartitionKey, ["#sk"] = T.PendingOutboxSortKey },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = LedgerItems.S(LedgerKeys.PendingOutboxPartition),
                    [":before"] = LedgerItems.S(LedgerTime.Format(queuedBefore)),
                },
                Limit = limit,
            },
            cancellationToken);
        return [.. (response.Items ?? []).Select(OutboxItems.To).Where(entry => !entry.IsSent)];
    }
}
