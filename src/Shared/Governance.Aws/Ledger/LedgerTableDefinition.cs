using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Governance.Aws.Ledger;

/// <summary>
/// The ledger table: key schema, indexes and TTL attribute, exactly as template.yaml declares them (see
/// docs/ledger.md). Tests and local provisioning create the table from here. Point-in-time recovery,
/// encryption and deletion protection are deployment settings that live only in the template.
/// </summary>
public static class LedgerTableDefinition
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";

    /// <summary>Reverse edges: partition = the edge's target node, sort = source type, relation, source id.</summary>
    public const string ReverseEdgesIndex = "ReverseEdges";
    public const string ReverseEdgesPartitionKey = "RevPK";
    public const string ReverseEdgesSortKey = "RevSK";

    /// <summary>Records by day of occurrence, sorted by occurrence time.</summary>
    public const string ActivityIndex = "Activity";
    public const string ActivityPartitionKey = "ActPK";
    public const string ActivitySortKey = "ActSK";

    /// <summary>Records by account, sorted by occurrence time.</summary>
    public const string AccountIndex = "ByAccount";
    public const string AccountPartitionKey = "AcctPK";
    public const string AccountSortKey = "AcctSK";

    /// <summary>Records by model package group, sorted by occurrence time.</summary>
    public const string GroupIndex = "ByGroup";
    public const string GroupPartitionKey = "GroupPK";
    public const string GroupSortKey = "GroupSK";

    /// <summary>Open violations only (sparse: resolved ones drop out).</summary>
    public const string OpenViolationsIndex = "OpenViolations";
    public const string OpenViolationsPartitionKey = "OpenPK";
    public const string OpenViolationsSortKey = "OpenSK";

    /// <summary>Outbox messages not sent yet (sparse: a message drops out when it is marked sent), oldest first.</summary>
    public const string PendingOutboxIndex = "PendingOutbox";
    public const string PendingOutboxPartitionKey = "PendPK";
    public const string PendingOutboxSortKey = "PendSK";

    /// <summary>Every chain head, spread over <see cref="HeadShards"/> partitions (what anchoring digests, without a Scan).</summary>
    public const string HeadsIndex = "Heads";
    public const string HeadsPartitionKey = "HeadsPK";
    public const string HeadsSortKey = "HeadsSK";
    public const int HeadShards = 16;

    /// <summary>Epoch seconds after which DynamoDB may delete an effect claim or a sent outbox message.</summary>
    public const string TimeToLiveAttribute = "ExpiresAt";

    private static readonly (string Name, string Partition, string Sort)[] Indexes =
    [
        (ReverseEdgesIndex, ReverseEdgesPartitionKey, ReverseEdgesSortKey),
        (ActivityIndex, ActivityPartitionKey, ActivitySortKey),
        (AccountIndex, AccountPartitionKey, AccountSortKey),
        (GroupIndex, GroupPartitionKey, GroupSortKey),
        (OpenViolationsIndex, OpenViolationsPartitionKey, OpenViolationsSortKey),
        (PendingOutboxIndex, PendingOutboxPartitionKey, PendingOutboxSortKey),
        (HeadsIndex, HeadsPartitionKey, HeadsSortKey),
    ];

    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            .. new[] { PartitionKey, SortKey }
                .Concat(Indexes.SelectMany(index => new[] { index.Partition, index.Sort }))
                .Select(name => new AttributeDefinition(name, ScalarAttributeType.S)),
        ],
        KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            .. Indexes.Select(index => new GlobalSecondaryIndex
            {
                IndexName = index.Name,
                KeySchema = [new KeySchemaElement(index.Partition, KeyType.HASH), new KeySchemaElement(index.Sort, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            }),
        ],
    };

    /// <summary>Creates the table, waits until it is active and turns on TTL.</summary>
    public static async Task CreateAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        await dynamo.CreateTableAsync(CreateTableRequest(tableName), cancellationToken);
        while (true)
        {
            var described = await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        await dynamo.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLiveAttribute, Enabled = true },
            },
            cancellationToken);
    }
}
