using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Ledger;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>
/// Reads chains for verification with strongly consistent reads. One subject's chain is a Query of its
/// partition; all chains, and all nodes and edges, are found by the ledger's only Scans, deliberately: walking an
/// index of heads would miss records whose head pointer was deleted.
/// </summary>
public sealed class DynamoDbLedgerChains(IAmazonDynamoDB dynamo, string tableName) : ILedgerChains
{
    public async Task<StoredChain> ReadChainAsync(NodeRef subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var records = new List<(string Sort, LedgerRecord Record)>();
        ChainHead? head = null;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = tableName,
                    ConsistentRead = true,
                    KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                    ExpressionAttributeNames = new() { ["#pk"] = T.PartitionKey, ["#sk"] = T.SortKey },
                    ExpressionAttributeValues = new()
                    {
                        [":pk"] = LedgerItems.S(LedgerKeys.Node(subject)),
                        [":from"] = LedgerItems.S(LedgerKeys.EventPrefix),
                        [":to"] = LedgerItems.S(LedgerKeys.HeadSort),
                    },
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                Collect(item, records, ref head);
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return new StoredChain(subject, head, [.. records.Select(record => record.Record)]);
    }

    public async IAsyncEnumerable<StoredChain> ReadAllChainsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chains = new Dictionary<string, (NodeRef Subject, List<(string Sort, LedgerRecord Record)> Records, ChainHead? Head)>(StringComparer.Ordinal);
        await foreach (var item in ScanAsync(["Event", "Head"], cancellationToken))
        {
            var partition = LedgerItems.Text(item, T.PartitionKey);
            if (!chains.TryGetValue(partition, out var chain))
            {
                chain = (new NodeRef(LedgerItems.Text(item, "NodeType"), LedgerItems.Text(item, "NodeId")), [], null);
            }

            var head = chain.Head;
            Collect(item, chain.Records, ref head);
            chains[partition] = chain with { Head = head };
        }

        foreach (var partition in chains.Keys.Order(StringComparer.Ordinal))
        {
            var (subject, records, head) = chains[partition];
            yield return new StoredChain(subject, head, [.. records.OrderBy(record => record.Sort, StringComparer.Ordinal).Select(record => record.Record)]);
        }
    }

    public async Task<StoredGraph> ReadGraphAsync(CancellationToken cancellationToken)
    {
        var nodes = new List<LedgerNode>();
        var edges = new List<LedgerEdge>();
        await foreach (var item in ScanAsync(["Node", "Edge"], cancellationToken))
        {
            if (LedgerItems.Text(item, LedgerItems.ItemType) == "Node")
            {
                nodes.Add(LedgerItems.ToNode(item));
            }
            else
            {
                edges.Add(LedgerItems.ToEdge(item));
            }
        }

        return new StoredGraph(nodes, edges);
    }

    /// <summary>Every item of the given item types, by a strongly consistent Scan.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> ScanAsync(string[] itemTypes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var values = itemTypes.Select((type, index) => (Name: ":t" + index, Value: LedgerItems.S(type))).ToList();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamo.ScanAsync(
                new ScanRequest
                {
                    TableName = tableName,
                    ConsistentRead = true,
                    FilterExpression = $"#type IN ({string.Join(", ", values.Select(value => value.Name))})",
                    ExpressionAttributeNames = new() { ["#type"] = LedgerItems.ItemType },
                    ExpressionAttributeValues = values.ToDictionary(value => value.Name, value => value.Value),
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
    }

    private static void Collect(Dictionary<string, AttributeValue> item, List<(string Sort, LedgerRecord Record)> records, ref ChainHead? head)
    {
        var sort = LedgerItems.Text(item, T.SortKey);
        if (sort == LedgerKeys.HeadSort)
        {
            head = LedgerItems.ToHead(item);
        }
        else if (sort.StartsWith(LedgerKeys.EventPrefix, StringComparison.Ordinal))
        {
            records.Add((sort, LedgerItems.ToRecord(item)));
        }
    }
}
