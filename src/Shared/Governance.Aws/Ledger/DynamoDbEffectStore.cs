using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Effects;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// Effect claims in the ledger table, one per <see cref="EffectId"/> (partition of its cause, sort key of its kind and
/// subject), claimed with a conditional put that succeeds only when no claim exists or the existing claim's deadline
/// has passed. The TTL attribute only cleans up: DynamoDB deletes expired items lazily, so expiry is always checked
/// in the condition itself.
/// </summary>
public sealed class DynamoDbEffectStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider time, TimeSpan retention)
    : IEffectStore
{
    /// <summary>How long completed results are kept when no retention is given: longer than EventBridge retries (24 h).</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    private const string InProgress = "IN_PROGRESS";
    private const string Completed = "COMPLETED";

    public DynamoDbEffectStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider time)
        : this(dynamo, tableName, time, DefaultRetention)
    {
    }

    public async Task<EffectClaim> TryBeginAsync(EffectId id, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var key = Key(id);
        var token = Guid.NewGuid().ToString("N");
        var item = new Dictionary<string, AttributeValue>(key)
        {
            [LedgerItems.ItemType] = LedgerItems.S("Effect"),
            ["Kind"] = LedgerItems.S(id.Kind),
            ["Subject"] = LedgerItems.S(id.Subject),
            ["Status"] = LedgerItems.S(InProgress),
            ["Token"] = LedgerItems.S(token),
            ["InProgressUntil"] = LedgerItems.N(deadline.ToUnixTimeMilliseconds()),
            [T.TimeToLiveAttribute] = LedgerItems.N((deadline + retention).ToUnixTimeSeconds()),
        };

        while (true)
        {
            try
            {
                await dynamo.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = tableName,
                        Item = item,
                        ConditionExpression = "attribute_not_exists(#pk) OR (#status = :inProgress AND #until < :now)",
                        ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#status"] = "Status", ["#until"] = "InProgressUntil" },
                        ExpressionAttributeValues = new()
                        {
                            [":inProgress"] = LedgerItems.S(InProgress),
                            [":now"] = LedgerItems.N(time.GetUtcNow().ToUnixTimeMilliseconds()),
                        },
                    },
                    cancellationToken);
                return new EffectClaim(EffectClaimStatus.Acquired, token, null, deadline);
            }
            catch (ConditionalCheckFailedException)
            {
                var existing = await dynamo.GetItemAsync(
                    new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true }, cancellationToken);
                if (existing.Item is not { Count: > 0 } stored)
                {
                    continue;
                }

                // A retry of our own put whose first answer was lost finds the claim it already made.
                if (LedgerItems.Optional(stored, "Token") == token && LedgerItems.Text(stored, "Status") == InProgress)
                {
                    return new EffectClaim(EffectClaimStatus.Acquired, token, null, deadline);
                }

                if (LedgerItems.Text(stored, "Status") == Completed)
                {
                    return new EffectClaim(EffectClaimStatus.AlreadyCompleted, null, LedgerItems.Optional(stored, "Result"), null);
                }

                var until = DateTimeOffset.FromUnixTimeMilliseconds(LedgerItems.Number(stored, "InProgressUntil"));
                if (until < time.GetUtcNow())
                {
                    continue;
                }

                return new EffectClaim(EffectClaimStatus.InProgress, null, null, until);
            }
        }
    }

    public async Task<bool> CompleteAsync(EffectId id, string token, string result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = Key(id),
                    UpdateExpression = "SET #status = :completed, #result = :result, #expires = :expires REMOVE #until",
                    ConditionExpression = "#token = :token AND #status = :inProgress",
                    ExpressionAttributeNames = new()
                    {
                        ["#status"] = "Status",
                        ["#result"] = "Result",
                        ["#expires"] = T.TimeToLiveAttribute,
                        ["#until"] = "InProgressUntil",
                        ["#token"] = "Token",
                    },
                    ExpressionAttributeValues = new()
                    {
                        [":completed"] = LedgerItems.S(Completed),
                        [":result"] = LedgerItems.S(result),
                        [":expires"] = LedgerItems.N((time.GetUtcNow() + retention).ToUnixTimeSeconds()),
                        [":token"] = LedgerItems.S(token),
                        [":inProgress"] = LedgerItems.S(InProgress),
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // A retry of our own update whose first answer was lost finds the record already completed by it.
            var stored = await dynamo.GetItemAsync(
                new GetItemRequest { TableName = tableName, Key = Key(id), ConsistentRead = true }, cancellationToken);
            return stored.Item is { Count: > 0 } item
                && LedgerItems.Optional(item, "Token") == token
                && LedgerItems.Text(item, "Status") == Completed;
        }
    }

    public async Task ReleaseAsync(EffectId id, string token, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = tableName,
                    Key = Key(id),
                    ConditionExpression = "#token = :token AND #status = :inProgress",
                    ExpressionAttributeNames = new() { ["#token"] = "Token", ["#status"] = "Status" },
                    ExpressionAttributeValues = new()
                    {
                        [":token"] = LedgerItems.S(token),
                        [":inProgress"] = LedgerItems.S(InProgress),
                    },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The claim is no longer ours (expired and taken, or completed): nothing to release.
        }
    }

    private static Dictionary<string, AttributeValue> Key(EffectId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return LedgerItems.Key(LedgerKeys.Effects(id.Cause), LedgerKeys.Claim(id));
    }
}
