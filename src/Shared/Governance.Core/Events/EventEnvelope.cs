using System.Text.Json;

namespace Governance.Core.Events;

/// <summary>
/// The envelope common to every form. For envelope-less forms (raw CloudTrail records, SNS notifications) the
/// parser fills it from the record: see <see cref="EventForm"/>.
/// </summary>
/// <param name="Id">Event id; null for CodeStar "processed" events, which carry none.</param>
/// <param name="Account">The account whose bus emitted the event, as written (not validated: samples show
/// redacted values). Where an ARN names the resource's account, prefer that.</param>
/// <param name="Time">Event time; null only for a raw CloudTrail record without <c>eventTime</c>.</param>
/// <param name="Detail">The raw detail (a clone, safe to keep after parsing).</param>
/// <param name="AdditionalAttributes">CodeStar "processed" form only (failed actions, source actions).</param>
public sealed record EventEnvelope(
    EventForm Form,
    string? Id,
    string DetailType,
    string Source,
    string? Account,
    DateTimeOffset? Time,
    string? Region,
    IReadOnlyList<string> Resources,
    JsonElement Detail,
    string? NotificationRuleArn = null,
    JsonElement? AdditionalAttributes = null);
