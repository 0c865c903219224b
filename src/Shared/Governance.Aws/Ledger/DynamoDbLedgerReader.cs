using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Registry;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// Answers ledger queries with GetItem and Query only. Every Query's key condition selects exactly the items
/// returned (no filter expressions), so items read equal items returned.
/// </summary>
public sealed class DynamoDbLedgerReader(IAmazonDynamoDB dynamo, string tableName, PageTokenCodec tokens) : ILedgerReader, ILocationIndex
{
    /// <summary>Empty day buckets an activity page may step over before it returns a (possibly empty) page and a token.</summary>
    public const int MaxDaysPerPage = 31;

    public async Task<LedgerNode?> GetNodeAsync(NodeRef node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var item = await GetAsync(LedgerKeys.Node(node), LedgerKeys.NodeSort, cancellationToken);
        return item is null ? null : LedgerItems.ToNode(item);
    }

    public async Task<CurrentLink?> GetCurrentAsync(NodeRef subject, string relation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Relations.Validate(relation);
        var item = await GetAsync(LedgerKeys.Node(subject), LedgerKeys.Current(relation), cancellationToken);
        return item is null ? null : LedgerItems.ToCurrent(item);
    }

    public async Task<LedgerPage<LedgerEdge>> GetNeighboursAsync(
        NodeRef node, LineageDirection direction, string? nodeType, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(page);
        var prefix = LedgerKeys.EdgePrefixFor(nodeType is null ? null : new NodeRef(nodeType, "-").Type);
        var scope = $"neighbours\0{direction}\0{LedgerKeys.Node(node)}\0{prefix}";
        var (items, next) = await QueryPageAsync(
            EdgeQuery(node, direction, prefix), scope, page, cancellationToken);
        return new(items.Select(LedgerItems.ToEdge).ToList(), next);
    }

    public async Task<LedgerPage<LedgerRecord>> GetTimelineAsync(NodeRef subject, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(page);
        var partition = LedgerKeys.Node(subject);
        var query = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#sk"] = T.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = LedgerItems.S(partition), [":prefix"] = LedgerItems.S(LedgerKeys.EventPrefix) },
        };
        var (items, next) = await QueryPageAsync(query, $"timeline\0{partition}", page, cancellationToken);
        return new(items.Select(LedgerItems.ToRecord).ToList(), next);
    }

    public Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(string account, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        return RecordsByIndexAsync(T.AccountIndex, T.AccountPartitionKey, LedgerKeys.Account(account), page, cancellationToken);
    }

    public Task<LedgerPage<LedgerRecord>> GetGroupActivityAsync(string modelPackageGroup, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPackageGroup);
        return RecordsByIndexAsync(T.GroupIndex, T.GroupPartitionKey, LedgerKeys.Group(modelPackageGroup), page, cancellationToken);
    }

    public async Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (items, next) = await QueryPageAsync(
            IndexQuery(T.OpenViolationsIndex, T.OpenViolationsPartitionKey, LedgerKeys.OpenViolationsPartition),
            "open-violations", page, cancellationToken);
        return new(items.Select(LedgerItems.ToViolation).ToList(), next);
    }

    public async Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(string account, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(page);
        var query = IndexQuery(T.OpenViolationsIndex, T.OpenViolationsPartitionKey, LedgerKeys.OpenViolationsPartition);
        query.KeyConditionExpression += " AND begins_with(#sk, :account)";
        query.ExpressionAttributeNames["#sk"] = T.OpenViolationsSortKey;
        query.ExpressionAttributeValues[":account"] = LedgerItems.S(LedgerKeys.OpenViolationAccount(account));
        var (items, next) = await QueryPageAsync(query, $"open-violations\0{account}", page, cancellationToken);
        return new(items.Select(LedgerItems.ToViolation).ToList(), next);
    }

    public async Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(
        string account, DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(page);
        var partition = LedgerKeys.Account(account);
        var query = IndexQuery(T.AccountIndex, T.AccountPartitionKey, partition);

        // Sort keys start with the occurrence time and go on with '#…', so [since, until) is BETWEEN the two bare times.
        query.KeyConditionExpression += " AND #sk BETWEEN :since AND :until";
        query.ExpressionAttributeNames["#sk"] = T.AccountSortKey;
        query.ExpressionAttributeValues[":since"] = LedgerItems.S(LedgerTime.Format(since));
        query.ExpressionAttributeValues[":until"] = LedgerItems.S(LedgerTime.Format(until));
        var (items, next) = await QueryPageAsync(query, $"{T.AccountIndex}\0{partition}\0{LedgerTime.Format(since)}\0{LedgerTime.Format(until)}", page, cancellationToken);
        return new(items.Select(LedgerItems.ToRecord).ToList(), next);
    }

    public async Task<LedgerPage<LedgerRecord>> GetActivityAsync(
        DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (until <= since)
        {
            throw new ArgumentException("the end of the interval must be after its start", nameof(until));
        }

        var size = page.Size;
        var scope = $"activity\0{LedgerTime.Format(since)}\0{LedgerTime.Format(until)}";
        var lastDay = LedgerKeys.ActivityBucket(until.AddTicks(-1));
        var state = page.PageToken is null
            ? new ActivityContinuation(LedgerKeys.ActivityBucket(since), null)
            : tokens.Open(scope, page.PageToken, LedgerContinuationContext.Default.ActivityContinuation);
        var day = ParseDay(state.Day);
        var startKey = state.Key;
        var records = new List<LedgerRecord>();

        for (var daysStepped = 0; records.Count < size && daysStepped < MaxDaysPerPage;)
        {
            var bucket = LedgerKeys.ActivityBucket(day);
            var query = IndexQuery(T.ActivityIndex, T.ActivityPartitionKey, bucket);
            query.KeyConditionExpression += " AND #sk BETWEEN :from AND :to";
            query.ExpressionAttributeNames["#sk"] = T.ActivitySortKey;
            query.ExpressionAttributeValues[":from"] = LedgerItems.S(LedgerTime.Format(since));
            // '$' sorts just after the '#' that ends the timestamp, so the last instant is included whole.
            query.ExpressionAttributeValues[":to"] = LedgerItems.S(LedgerTime.Format(until.AddTicks(-1)) + "$");
            query.Limit = size - records.Count;
            query.ExclusiveStartKey = startKey is null ? null : ToKey(startKey, T.ActivityPartitionKey, bucket);
            var response = await dynamo.QueryAsync(query, cancellationToken);
            records.AddRange((response.Items ?? []).Select(LedgerItems.ToRecord));

            if (response.LastEvaluatedKey is { Count: > 0 } last)
            {
                startKey = FromKey(last);
                continue;
            }

            if (bucket == lastDay)
            {
                return new(records, null);
            }

            day = day.AddDays(1);
            startKey = null;
            daysStepped++;
        }

        var resume = tokens.Seal(
            scope, new ActivityContinuation(LedgerKeys.ActivityBucket(day), startKey), LedgerContinuationContext.Default.ActivityContinuation);
        return new(records, resume);
    }

    public async Task<LedgerPage<LineageStep>> GetLineageAsync(LineageQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var size = page.Size;
        var maxDepth = query.Depth;
        var scope = $"lineage\0{query.Direction}\0{maxDepth}\0{LedgerKeys.Node(query.Start)}";
        var state = page.PageToken is null
            ? new LineageContinuation([new(query.Start.Type, query.Start.Id, 0)], [query.Start.ToString()], null)
            : tokens.Open(scope, page.PageToken, LedgerContinuationContext.Default.LineageContinuation);
        var visited = state.Visited.ToHashSet(StringComparer.Ordinal);
        var frontier = new Queue<LineageFrontierNode>(state.Frontier);
        var startKey = state.Key;
        var steps = new List<LineageStep>();

        while (frontier.Count > 0 && steps.Count < size)
        {
            var current = frontier.Peek();
            var node = new NodeRef(current.Type, current.Id);
            var request = EdgeQuery(node, query.Direction, LedgerKeys.EdgePrefix);
            request.Limit = size - steps.Count;
            request.ExclusiveStartKey = startKey is null ? null : ToKey(startKey, KeyAttribute(query.Direction), LedgerKeys.Node(node));
            var response = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var edge in (response.Items ?? []).Select(LedgerItems.ToEdge))
            {
                steps.Add(new LineageStep(edge, current.Depth + 1));
                var next = query.Direction == LineageDirection.Downstream ? edge.To : edge.From;
                if (current.Depth + 1 < maxDepth && visited.Add(next.ToString()))
                {
                    frontier.Enqueue(new(next.Type, next.Id, current.Depth + 1));
                }
            }

            if (response.LastEvaluatedKey is { Count: > 0 } last)
            {
                startKey = FromKey(last);
            }
            else
            {
                frontier.Dequeue();
                startKey = null;
            }
        }

        var token = frontier.Count == 0
            ? null
            : tokens.Seal(scope, new LineageContinuation([.. frontier], [.. visited], startKey), LedgerContinuationContext.Default.LineageContinuation);
        return new(steps, token);
    }

    public Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return FindInAsync(prefix, LedgerKeys.Location(prefix.Bucket), page, cancellationToken);
    }

    public Task<LedgerPage<LocatedNode>> FindAsync(S3Location prefix, string account, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(account);
        return FindInAsync(prefix, LedgerKeys.Location(account, prefix.Bucket), page, cancellationToken);
    }

    private async Task<LedgerPage<LocatedNode>> FindInAsync(S3Location prefix, string partition, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var keyPrefix = LedgerKeys.LocationKey(prefix.Key);
        var query = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = LedgerItems.S(partition) },
        };
        if (keyPrefix.Length > 0)
        {
            query.KeyConditionExpression += " AND begins_with(#sk, :prefix)";
            query.ExpressionAttributeNames["#sk"] = T.SortKey;
            query.ExpressionAttributeValues[":prefix"] = LedgerItems.S(keyPrefix);
        }

        var (items, next) = await QueryPageAsync(query, $"locations\0{partition}\0{keyPrefix}", page, cancellationToken);
        return new(items.Select(LedgerItems.ToLocation).ToList(), next);
    }

    private async Task<LedgerPage<LedgerRecord>> RecordsByIndexAsync(
        string index, string partitionAttribute, string partition, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (items, next) = await QueryPageAsync(
            IndexQuery(index, partitionAttribute, partition), $"{index}\0{partition}", page, cancellationToken);
        return new(items.Select(LedgerItems.ToRecord).ToList(), next);
    }

    /// <summary>Runs one page of a Query whose partition key value is bound into the scope.</summary>
    private async Task<(List<Dictionary<string, AttributeValue>> Items, string? Next)> QueryPageAsync(
        QueryRequest query, string scope, PageRequest page, CancellationToken cancellationToken)
    {
        var partitionAttribute = query.ExpressionAttributeNames["#pk"];
        var partition = query.ExpressionAttributeValues[":pk"].S;
        query.Limit = page.Size;
        // The monitors decide from what they read back (a duplicate, the last state, the graph to complete), so a
        // read must see writes that finished before it; only the base table offers that, not its indexes.
        query.ConsistentRead = query.IndexName is null;
        if (page.PageToken is not null)
        {
            var state = tokens.Open(scope, page.PageToken, LedgerContinuationContext.Default.KeyContinuation);
            query.ExclusiveStartKey = ToKey(state.Key, partitionAttribute, partition);
        }

        var response = await dynamo.QueryAsync(query, cancellationToken);
        var next = response.LastEvaluatedKey is { Count: > 0 } last
            ? tokens.Seal(scope, new KeyContinuation(FromKey(last)), LedgerContinuationContext.Default.KeyContinuation)
            : null;
        return (response.Items ?? [], next);
    }

    private QueryRequest EdgeQuery(NodeRef node, LineageDirection direction, string prefix)
    {
        var query = direction == LineageDirection.Downstream
            ? new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#sk"] = T.SortKey },
            }
            : new QueryRequest
            {
                TableName = tableName,
                IndexName = T.ReverseEdgesIndex,
                ExpressionAttributeNames = new() { ["#pk"] = T.ReverseEdgesPartitionKey, ["#sk"] = T.ReverseEdgesSortKey },
            };
        query.KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)";
        query.ExpressionAttributeValues = new()
        {
            [":pk"] = LedgerItems.S(LedgerKeys.Node(node)),
            [":prefix"] = LedgerItems.S(prefix),
        };
        return query;
    }

    private QueryRequest IndexQuery(string index, string partitionAttribute, string partition) => new()
    {
        TableName = tableName,
        IndexName = index,
        KeyConditionExpression = "#pk = :pk",
        ExpressionAttributeNames = new() { ["#pk"] = partitionAttribute },
        ExpressionAttributeValues = new() { [":pk"] = LedgerItems.S(partition) },
    };

    private static string KeyAttribute(LineageDirection direction) =>
        direction == LineageDirection.Downstream ? T.PartitionKey : T.ReverseEdgesPartitionKey;

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string partition, string sort, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = LedgerItems.Key(partition, sort), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static Dictionary<string, string> FromKey(Dictionary<string, AttributeValue> key) =>
        key.ToDictionary(pair => pair.Key, pair => pair.Value.S ?? throw new InvalidDataException($"key attribute {pair.Key} is not text"));

    /// <summary>A sealed continuation key, checked once more to lie in the partition the query reads.</summary>
    private static Dictionary<string, AttributeValue> ToKey(Dictionary<string, string> key, string partitionAttribute, string partition)
    {
        if (!key.TryGetValue(partitionAttribute, out var value) || value != partition)
        {
            throw new InvalidPageTokenException();
        }

        return key.ToDictionary(pair => pair.Key, pair => LedgerItems.S(pair.Value));
    }

    private static DateTimeOffset ParseDay(string bucket) =>
        DateTimeOffset.ParseExact(bucket["ACT#".Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
