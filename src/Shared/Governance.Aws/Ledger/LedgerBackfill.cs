using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>What a backfill wrote: location entries copied into their account's partition, open violations re-keyed.</summary>
public sealed record LedgerBackfillResult(int ItemsRead, int LocationsCopied, int ViolationsRekeyed);

/// <summary>
/// Brings items written before scoped queries existed to the keys those queries read: each S3 location entry gets its
/// copy in its account's own partition, and each open violation's index sort key starts with its account. Idempotent
/// (a second run changes nothing) and safe while the functions run: copies are put only when absent, and a re-key
/// only applies while the violation is still the one read.
/// </summary>
public sealed class LedgerBackfill(IAmazonDynamoDB dynamo, string tableName)
{
    public async Task<LedgerBackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        var (read, copied, rekeyed) = (0, 0, 0);
        var request = new ScanRequest
        {
            TableName = tableName,
            FilterExpression = "#type = :location OR attribute_exists(#open)",
            ExpressionAttributeNames = new() { ["#type"] = LedgerItems.ItemType, ["#open"] = T.OpenViolationsSortKey },
            ExpressionAttributeValues = new() { [":location"] = LedgerItems.S("Location") },
        };
        do
        {
            var page = await dynamo.ScanAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                read++;
                if (item.ContainsKey(T.OpenViolationsSortKey))
                {
                    rekeyed += await RekeyAsync(item, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
                else
                {
                    copied += await CopyLocationAsync(item, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return new LedgerBackfillResult(read, copied, rekeyed);
    }

    private async Task<bool> CopyLocationAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        const string Global = "LOC#s3://";
        var partition = item[T.PartitionKey].S;
        if (!partition.StartsWith(Global, StringComparison.Ordinal) || !item.TryGetValue("Account", out var account) || string.IsNullOrEmpty(account.S))
        {
            return false;
        }

        var copy = new Dictionary<string, AttributeValue>(item) { [T.PartitionKey] = LedgerItems.S(LedgerKeys.Location(account.S, partition[Global.Length..])) };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = copy,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<bool> RekeyAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var state = LedgerItems.ToViolation(item);
        var current = item[T.OpenViolationsSortKey].S;
        var expected = LedgerKeys.OpenViolationSort(state.Account, state.ChangedAt, state.Violation.Id);
        if (current == expected)
        {
            return false;
        }

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = new() { [T.PartitionKey] = item[T.PartitionKey], [T.SortKey] = item[T.SortKey] },
                UpdateExpression = "SET #open = :expected",
                ConditionExpression = "#open = :current",
                ExpressionAttributeNames = new() { ["#open"] = T.OpenViolationsSortKey },
                ExpressionAttributeValues = new() { [":expected"] = LedgerItems.S(expected), [":current"] = LedgerItems.S(current) },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // The violation changed meanwhile: its writer keyed it the new way.
            return false;
        }
    }
}
