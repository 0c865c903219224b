using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Governance.Core.Effects;
using Governance.Core.Ledger;
using T = Governance.Aws.Ledger.LedgerTableDefinition;

namespace Governance.Aws.Ledger;

/// <summary>Maps outbox messages to DynamoDB items and back; the notification and its receipt are stored as JSON.</summary>
internal static class OutboxItems
{
    public const string Type = "Outbox";

    public static Dictionary<string, AttributeValue> From(OutboxMessage message, DateTimeOffset queuedAt)
    {
        var id = message.Id;
        var item = LedgerItems.Key(LedgerKeys.Effects(id.Cause), LedgerKeys.Outbox(id));
        item[LedgerItems.ItemType] = LedgerItems.S(Type);
        item["Cause"] = LedgerItems.S(id.Cause);
        item["Kind"] = LedgerItems.S(id.Kind);
        item["Subject"] = LedgerItems.S(id.Subject);
        item["QueuedAt"] = LedgerItems.S(LedgerTime.Format(queuedAt));
        item["Notification"] = LedgerItems.S(JsonSerializer.Serialize(message.Notification, EffectJsonContext.Default.Notification));
        if (message.Receipt is { } receipt)
        {
            item["Receipt"] = LedgerItems.S(JsonSerializer.Serialize(receipt, EffectJsonContext.Default.NotificationReceipt));
        }

        item[T.PendingOutboxPartitionKey] = LedgerItems.S(LedgerKeys.PendingOutboxPartition);
        item[T.PendingOutboxSortKey] = LedgerItems.S(LedgerKeys.PendingSort(queuedAt, id));
        return item;
    }

    public static OutboxEntry To(Dictionary<string, AttributeValue> item)
    {
        var id = new EffectId(LedgerItems.Text(item, "Cause"), LedgerItems.Text(item, "Kind"), LedgerItems.Text(item, "Subject"));
        var notification = JsonSerializer.Deserialize(LedgerItems.Text(item, "Notification"), EffectJsonContext.Default.Notification)
            ?? throw new InvalidDataException($"outbox message {id} has no notification");
        var receipt = LedgerItems.Optional(item, "Receipt") is { } json ? JsonSerializer.Deserialize(json, EffectJsonContext.Default.NotificationReceipt) : null;
        return new OutboxEntry(new OutboxMessage(id, notification, receipt), LedgerTime.Parse(LedgerItems.Text(item, "QueuedAt")), LedgerItems.Optional(item, "MessageId"));
    }
}
