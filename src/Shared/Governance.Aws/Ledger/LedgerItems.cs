using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Registry;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>Maps ledger records to DynamoDB items and back.</summary>
internal static class LedgerItems
{
    public const string ItemType = "ItemType";

    private const int MaxSortKeyBytes = 1024;

    public static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [T.PartitionKey] = S(partition),
        [T.SortKey] = S(sort),
    };

    public static Dictionary<string, AttributeValue> FromNode(LedgerNode node)
    {
        var item = Key(LedgerKeys.Node(node.Node), LedgerKeys.NodeSort);
        item[ItemType] = S("Node");
        item["NodeType"] = S(node.Node.Type);
        item["NodeId"] = S(node.Node.Id);
        item["RecordedAt"] = S(LedgerTime.Format(node.RecordedAt));
        item["Attrs"] = Map(node.Attributes);
        PutOptional(item, "Account", node.Account);
        PutOptional(item, "Group", node.ModelPackageGroup);
        return item;
    }

    public static LedgerNode ToNode(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        Optional(item, "Account"),
        Optional(item, "Group"),
        ToMap(item),
        LedgerTime.Parse(Text(item, "RecordedAt")));

    public static Dictionary<string, AttributeValue> FromEdge(LedgerEdge edge)
    {
        var item = Key(LedgerKeys.Node(edge.From), LedgerKeys.EdgeSort(edge.To.Type, edge.Relation, edge.To.Id));
        item[ItemType] = S("Edge");
        item[T.ReverseEdgesPartitionKey] = S(LedgerKeys.Node(edge.To));
        item[T.ReverseEdgesSortKey] = S(LedgerKeys.EdgeSort(edge.From.Type, edge.Relation, edge.From.Id));
        item["FromType"] = S(edge.From.Type);
        item["FromId"] = S(edge.From.Id);
        item["Relation"] = S(edge.Relation);
        item["ToType"] = S(edge.To.Type);
        item["ToId"] = S(edge.To.Id);
        item["RecordedAt"] = S(LedgerTime.Format(edge.RecordedAt));
        PutOptional(item, "EventId", edge.EventId);
        return item;
    }

    public static LedgerEdge ToEdge(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "FromType"), Text(item, "FromId")),
        Text(item, "Relation"),
        new NodeRef(Text(item, "ToType"), Text(item, "ToId")),
        LedgerTime.Parse(Text(item, "RecordedAt")),
        Optional(item, "EventId"));

    public static Dictionary<string, AttributeValue> FromRecord(LedgerRecord record)
    {
        var item = Key(LedgerKeys.Node(record.Subject), LedgerKeys.Event(record.Sequence));
        var byTime = S(LedgerKeys.ByTime(record));
        item[ItemType] = S("Event");
        item["NodeType"] = S(record.Subject.Type);
        item["NodeId"] = S(record.Subject.Id);
        item["Seq"] = N(record.Sequence);
        item["EventId"] = S(record.EventId);
        item["Kind"] = S(record.Kind);
        item["OccurredAt"] = S(LedgerTime.Format(record.OccurredAt));
        item["RecordedAt"] = S(LedgerTime.Format(record.RecordedAt));
        item["Attrs"] = Map(record.Attributes);
        item["PrevHash"] = S(record.PreviousHash);
        item["Hash"] = S(record.Hash);
        item[T.ActivityPartitionKey] = S(LedgerKeys.ActivityBucket(record.OccurredAt));
        item[T.ActivitySortKey] = byTime;
        PutOptional(item, "Actor", record.Actor);
        PutOptional(item, "Account", record.Account);
        PutOptional(item, "Group", record.ModelPackageGroup);
        if (record.Account is not null)
        {
            item[T.AccountPartitionKey] = S(LedgerKeys.Account(record.Account));
            item[T.AccountSortKey] = byTime;
        }

        if (record.ModelPackageGroup is not null)
        {
            item[T.GroupPartitionKey] = S(LedgerKeys.Group(record.ModelPackageGroup));
            item[T.GroupSortKey] = byTime;
        }

        return item;
    }

    public static LedgerRecord ToRecord(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        Number(item, "Seq"),
        Text(item, "EventId"),
        Text(item, "Kind"),
        LedgerTime.Parse(Text(item, "OccurredAt")),
        LedgerTime.Parse(Text(item, "RecordedAt")),
        Optional(item, "Actor"),
        Optional(item, "Account"),
        Optional(item, "Group"),
        ToMap(item),
        Text(item, "PrevHash"),
        Text(item, "Hash"));

    public static Dictionary<string, AttributeValue> FromHead(LedgerRecord record)
    {
        var item = Key(LedgerKeys.Node(record.Subject), LedgerKeys.HeadSort);
        item[ItemType] = S("Head");
        item["NodeType"] = S(record.Subject.Type);
        item["NodeId"] = S(record.Subject.Id);
        item["Seq"] = N(record.Sequence);
        item["Hash"] = S(record.Hash);
        item[LedgerTableDefinition.HeadsPartitionKey] = S(LedgerKeys.HeadShard(record.Subject));
        item[LedgerTableDefinition.HeadsSortKey] = S(LedgerKeys.Node(record.Subject));
        return item;
    }

    public static ChainHead ToHead(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        Number(item, "Seq"),
        Text(item, "Hash"));

    public static Dictionary<string, AttributeValue> FromGuard(LedgerRecord record)
    {
        var item = Key(LedgerKeys.Node(record.Subject), LedgerKeys.EventGuard(record.EventId));
        item[ItemType] = S("EventId");
        item["Seq"] = N(record.Sequence);
        return item;
    }

    public static Dictionary<string, AttributeValue> FromCurrent(CurrentLink link)
    {
        var item = Key(LedgerKeys.Node(link.Subject), LedgerKeys.Current(link.Relation));
        item[ItemType] = S("Current");
        item["NodeType"] = S(link.Subject.Type);
        item["NodeId"] = S(link.Subject.Id);
        item["Relation"] = S(link.Relation);
        item["TargetType"] = S(link.Target.Type);
        item["TargetId"] = S(link.Target.Id);
        item["ChangedAt"] = S(LedgerTime.Format(link.ChangedAt));
        PutOptional(item, "EventId", link.EventId);
        return item;
    }

    public static CurrentLink ToCurrent(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        Text(item, "Relation"),
        new NodeRef(Text(item, "TargetType"), Text(item, "TargetId")),
        LedgerTime.Parse(Text(item, "ChangedAt")),
        Optional(item, "EventId"));

    public static Dictionary<string, AttributeValue> FromViolation(ViolationState state)
    {
        var item = Key(LedgerKeys.Node(state.Violation), LedgerKeys.StateSort);
        item[ItemType] = S("Violation");
        item["NodeType"] = S(state.Violation.Type);
        item["NodeId"] = S(state.Violation.Id);
        item["ResourceType"] = S(state.Resource.Type);
        item["ResourceId"] = S(state.Resource.Id);
        item["Rule"] = S(state.Rule);
        item["Severity"] = S(state.Severity);
        item["Status"] = S(state.Status.ToString());
        item["ChangedAt"] = S(LedgerTime.Format(state.ChangedAt));
        PutOptional(item, "Account", state.Account);
        PutOptional(item, "EventId", state.EventId);
        PutOptional(item, "Annotation", state.Annotation);
        if (state.Status == ViolationStatus.Open)
        {
            item[T.OpenViolationsPartitionKey] = S(LedgerKeys.OpenViolationsPartition);
            item[T.OpenViolationsSortKey] = S(LedgerKeys.OpenViolationSort(state.Account, state.ChangedAt, state.Violation.Id));
        }

        return item;
    }

    public static ViolationState ToViolation(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        new NodeRef(Text(item, "ResourceType"), Text(item, "ResourceId")),
        Text(item, "Rule"),
        Text(item, "Severity"),
        Optional(item, "Account"),
        Enum.Parse<ViolationStatus>(Text(item, "Status")),
        LedgerTime.Parse(Text(item, "ChangedAt")),
        Optional(item, "EventId"))
    {
        Annotation = Optional(item, "Annotation"),
    };

    /// <summary>A location index entry, or null when its sort key would pass DynamoDB's 1024-byte limit (S3 keys near 1 KiB).</summary>
    /// <param name="scoped">The copy in the partition of the node's account (null when the node names no account).</param>
    public static Dictionary<string, AttributeValue>? FromLocation(LedgerNode node, S3Location location, bool scoped = false)
    {
        var sort = LedgerKeys.LocationSort(location.Key, node.Node);
        if (Encoding.UTF8.GetByteCount(sort) > MaxSortKeyBytes || (scoped && string.IsNullOrEmpty(node.Account)))
        {
            return null;
        }

        var item = Key(scoped ? LedgerKeys.Location(node.Account!, location.Bucket) : LedgerKeys.Location(location.Bucket), sort);
        item[ItemType] = S("Location");
        item["NodeType"] = S(node.Node.Type);
        item["NodeId"] = S(node.Node.Id);
        item["Uri"] = S(location.Uri);
        item["RecordedAt"] = S(LedgerTime.Format(node.RecordedAt));
        PutOptional(item, "Account", node.Account);
        return item;
    }

    public static LocatedNode ToLocation(Dictionary<string, AttributeValue> item) => new(
        new NodeRef(Text(item, "NodeType"), Text(item, "NodeId")),
        Text(item, "Uri"),
        Optional(item, "Account"));

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static string Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null
            ? value.S
            : throw new InvalidDataException($"ledger item {Describe(item)} has no text attribute {name}");

    public static string? Optional(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidDataException($"ledger item {Describe(item)} has no number attribute {name}");

    private static AttributeValue Map(IReadOnlyDictionary<string, string> attributes) =>
        new() { M = attributes.ToDictionary(pair => pair.Key, pair => S(pair.Value), StringComparer.Ordinal) };

    private static SortedDictionary<string, string> ToMap(Dictionary<string, AttributeValue> item)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetValue("Attrs", out var attributes) && attributes.M is not null)
        {
            foreach (var pair in attributes.M)
            {
                map[pair.Key] = pair.Value.S ?? throw new InvalidDataException(
                    $"ledger item {Describe(item)} attribute {pair.Key} is not text");
            }
        }

        return map;
    }

    private static void PutOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        $"{Optional(item, T.PartitionKey)} / {Optional(item, T.SortKey)}";
}
