using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// Writes the ledger. Nodes and edges are put only when absent; a record is appended in one transaction with
/// its event-id guard, the moved head pointer and the outbox messages it decides, each conditional, so concurrent
/// writers serialise on the head, a duplicated event is recorded once and its notifications are queued once.
/// </summary>
public sealed class DynamoDbLedgerWriter(IAmazonDynamoDB dynamo, string tableName, TimeProvider time) : ILedgerWriter
{
    /// <summary>How many times an append is tried before it gives up under contention.</summary>
    public const int MaxAppendAttempts = 60;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>The record, its event-id guard and the head: the items of every append before its outbox messages.</summary>
    private const int AppendItems = 3;

    public async Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var recorded = await PutIfAbsentAsync(LedgerItems.FromNode(node), cancellationToken);

        // Written on every recording, not only the first, so a crash between the two puts heals on redelivery.
        foreach (var location in NodeLocations.Of(node))
        {
            foreach (var entry in new[] { LedgerItems.FromLocation(node, location), LedgerItems.FromLocation(node, location, scoped: true) }.OfType<Dictionary<string, AttributeValue>>())
            {
                await PutIfAbsentAsync(entry, cancellationToken);
            }
        }

        return recorded;
    }

    public async Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        Relations.Validate(edge.Relation);
        return await PutIfAbsentAsync(LedgerItems.FromEdge(edge), cancellationToken);
    }

    public async Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var draft = append.Draft;
        var subjectKey = LedgerKeys.Node(draft.Subject);
        for (var attempt = 1; ; attempt++)
        {
            var head = append.After is { } expected ? expected.Head : await ReadHeadAsync(subjectKey, cancellationToken);
            var now = time.GetUtcNow();
            var record = ChainHash.Next(head, draft, now);
            try
            {
                await dynamo.TransactWriteItemsAsync(AppendTransaction(record, head, append.Outbox, now), cancellationToken);
                return new ChainAppendResult(ChainAppendStatus.Appended, record);
            }
            catch (TransactionCanceledException cancelled) when (IsContention(cancelled))
            {
                var existing = await ReadByEventIdAsync(subjectKey, draft.EventId, cancellationToken);
                if (existing is not null)
                {
                    return new ChainAppendResult(ChainAppendStatus.AlreadyRecorded, existing);
                }

                if (cancelled.CancellationReasons?.Skip(AppendItems).FirstOrDefault(reason => reason.Code == "ConditionalCheckFailed") is not null)
                {
                    throw new InvalidOperationException(
                        $"the outbox already holds a message {draft.Subject}'s record {draft.EventId} decides, queued with another record", cancelled);
                }

                if (append.After is not null)
                {
                    return new ChainAppendResult(ChainAppendStatus.HeadMoved, null);
                }

                if (attempt >= MaxAppendAttempts)
                {
                    throw new InvalidOperationException(
                        $"could not append to the chain of {draft.Subject} after {attempt} attempts under contention", cancelled);
                }

                await Task.Delay(Backoff(attempt), time, cancellationToken);
            }
        }
    }

    public async Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        Relations.Validate(link.Relation);
        await PutIfNotOlderAsync(LedgerItems.FromCurrent(link), link.ChangedAt, cancellationToken);
    }

    public async Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await PutIfNotOlderAsync(LedgerItems.FromViolation(state), state.ChangedAt, cancellationToken);
    }

    private TransactWriteItemsRequest AppendTransaction(LedgerRecord record, ChainHead? head, IReadOnlyList<OutboxMessage> outbox, DateTimeOffset now)
    {
        var headPut = new Put { TableName = tableName, Item = LedgerItems.FromHead(record) };
        if (head is null)
        {
            headPut.ConditionExpression = "attribute_not_exists(#pk)";
            headPut.ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey };
        }
        else
        {
            headPut.ConditionExpression = "#seq = :expected AND #hash = :hash";
            headPut.ExpressionAttributeNames = new() { ["#seq"] = "Seq", ["#hash"] = "Hash" };
            headPut.ExpressionAttributeValues = new()
            {
                [":expected"] = LedgerItems.N(head.Sequence),
                [":hash"] = LedgerItems.S(head.Hash),
            };
        }

        return new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = AbsentPut(LedgerItems.FromRecord(record)) },
                new TransactWriteItem { Put = AbsentPut(LedgerItems.FromGuard(record)) },
                new TransactWriteItem { Put = headPut },
                .. outbox.Select(message => new TransactWriteItem { Put = AbsentPut(OutboxItems.From(message, now)) }),
            ],
        };
    }

    private Put AbsentPut(Dictionary<string, AttributeValue> item) => new()
    {
        TableName = tableName,
        Item = item,
        ConditionExpression = "attribute_not_exists(#pk)",
        ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey },
    };

    /// <summary>Cancelled because a condition failed or another transaction touched the same items: worth retrying.</summary>
    private static bool IsContention(TransactionCanceledException cancelled) =>
        cancelled.CancellationReasons is not { Count: > 0 } reasons
        || reasons.All(reason => reason.Code is null or "None" or "ConditionalCheckFailed" or "TransactionConflict");

    private async Task<ChainHead?> ReadHeadAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = LedgerItems.Key(subjectKey, LedgerKeys.HeadSort), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? LedgerItems.ToHead(item) : null;
    }

    private async Task<LedgerRecord?> ReadByEventIdAsync(string subjectKey, string eventId, CancellationToken cancellationToken)
    {
        var guard = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = LedgerItems.Key(subjectKey, LedgerKeys.EventGuard(eventId)), ConsistentRead = true },
            cancellationToken);
        if (guard.Item is not { Count: > 0 } guardItem)
        {
            return null;
        }

        var sequence = LedgerItems.Number(guardItem, "Seq");
        var record = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = LedgerItems.Key(subjectKey, LedgerKeys.Event(sequence)), ConsistentRead = true },
            cancellationToken);
        return record.Item is { Count: > 0 } recordItem
            ? LedgerItems.ToRecord(recordItem)
            : throw new InvalidDataException($"event {eventId} of {subjectKey} is guarded at #{sequence} but that record is missing");
    }

    /// <returns>True when this put wrote the item.</returns>
    private async Task<bool> PutIfAbsentAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // Already recorded: the first recording stands.
            return false;
        }
    }

    private async Task PutIfNotOlderAsync(Dictionary<string, AttributeValue> item, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk) OR #changed <= :changed",
                    ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#changed"] = "ChangedAt" },
                    ExpressionAttributeValues = new() { [":changed"] = LedgerItems.S(LedgerTime.Format(changedAt)) },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // A later change is stored (this event arrived out of order): it stands.
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 5 * Math.Pow(2, Math.Min(attempt, 10)));
#pragma warning disable CA5394 // Jitter only spreads retries; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
