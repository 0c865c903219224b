using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Effects;
using Governance.Core.Ledger;

namespace Governance.Aws.Ledger;

/// <summary>How ledger items are keyed. Node types and relations contain no '#', so every prefix is exact.</summary>
internal static class LedgerKeys
{
    public const string NodeSort = "META";
    public const string HeadSort = "HEAD";
    public const string StateSort = "STATE";
    public const string EdgePrefix = "EDGE#";
    public const string EventPrefix = "EVT#";
    public const string OpenViolationsPartition = "VIOLATIONS#OPEN";
    public const string ClaimPrefix = "ONCE#";
    public const string OutboxPrefix = "OUTBOX#";
    public const string PendingOutboxPartition = "OUTBOX#PENDING";

    public static string Node(NodeRef node) => $"NODE#{node.Type}#{node.Id}";

    /// <summary>The Heads index partition of a subject's head: <c>HEADS#00</c>..<c>HEADS#15</c> by the hash of its key.</summary>
    public static string HeadShard(NodeRef node) =>
        "HEADS#" + (SHA256.HashData(Encoding.UTF8.GetBytes(Node(node)))[0] % LedgerTableDefinition.HeadShards).ToString("D2", CultureInfo.InvariantCulture);

    public static string HeadShard(int shard) => "HEADS#" + shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The item that holds the last anchored digest's number and hash.</summary>
    public const string DigestHeadPartition = "ANCHOR#DIGEST";

    public static string EdgePrefixFor(string? nodeType) => nodeType is null ? EdgePrefix : $"{EdgePrefix}{nodeType}#";

    public static string EdgeSort(string nodeType, string relation, string id) => $"{EdgePrefix}{nodeType}#{relation}#{id}";

    public static string Event(long sequence) => EventPrefix + sequence.ToString("D12", CultureInfo.InvariantCulture);

    public static string EventGuard(string eventId) => $"EVTID#{eventId}";

    public static string Current(string relation) => $"CUR#{relation}";

    public static string ActivityBucket(DateTimeOffset instant) =>
        "ACT#" + instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Account(string account) => $"ACCT#{account}";

    public static string Group(string group) => $"GROUP#{group}";

    public static string ByTime(LedgerRecord record) =>
        $"{LedgerTime.Format(record.OccurredAt)}#{record.Subject.Type}#{record.Subject.Id}#{record.Sequence.ToString("D12", CultureInfo.InvariantCulture)}";

    /// <summary>The partition of everything one cause (an event, or a subject owed an effect once) claimed or queued.</summary>
    public static string Effects(string cause) => $"EFFECT#{cause}";

    /// <summary>A claim on an effect: kind, then the subject hashed (subjects are ARNs and keys of any length).</summary>
    public static string Claim(EffectId id) => $"{ClaimPrefix}{id.Kind}#{Digest(id.Subject)}";

    /// <summary>An outbox message: kind, then the subject hashed.</summary>
    public static string Outbox(EffectId id) => $"{OutboxPrefix}{id.Kind}#{Digest(id.Subject)}";

    /// <summary>The pending-outbox index's sort key: oldest first, unique per message.</summary>
    public static string PendingSort(DateTimeOffset queuedAt, EffectId id) => $"{LedgerTime.Format(queuedAt)}#{id.Cause}#{Outbox(id)}";

    /// <summary>The location index's partition of one bucket.</summary>
    public static string Location(string bucket) => $"LOC#s3://{bucket}";

    /// <summary>The same entries filed by one account, in a partition of their own: a scoped prefix query reads no other account's keys.</summary>
    public static string Location(string account, string bucket) => $"LOC#{account}#s3://{bucket}";

    /// <summary>
    /// The open-violations index's sort key: account first, so one account's open violations are one key range
    /// (<c>begins_with</c> the account and '#'), then the change time and the violation.
    /// </summary>
    public static string OpenViolationSort(string? account, DateTimeOffset changedAt, string violationId) =>
        $"{OpenViolationAccount(account)}{LedgerTime.Format(changedAt)}#{violationId}";

    /// <summary>The sort-key prefix of one account's open violations.</summary>
    public static string OpenViolationAccount(string? account) => (account ?? "-") + "#";

    /// <summary>
    /// An S3 key with '%' and '#' escaped, so '#' ends the key in a location sort key. Each character is encoded on
    /// its own and no code is a prefix of another, so a key starts with a prefix exactly when their escaped forms do.
    /// </summary>
    public static string LocationKey(string key) => key.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    /// <summary>Escaped key, then the node (its id hashed, so that a dataset's id does not repeat the key).</summary>
    public static string LocationSort(string key, NodeRef node) =>
        $"{LocationKey(key)}#{node.Type}#{Digest(node.Id)}";

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
