using System.Text.Json.Serialization;
using Governance.Core.Notifications;

namespace Governance.Core.Effects;

/// <summary>Source-generated JSON for what the effect ledger stores: handled events with their effects, and outbox messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HandledEvent))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(NotificationReceipt))]
public sealed partial class EffectJsonContext : JsonSerializerContext;
