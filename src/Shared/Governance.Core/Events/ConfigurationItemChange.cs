namespace Governance.Core.Events;

/// <summary>
/// <c>aws.config</c> / <c>Config Configuration Item Change</c>: AWS Config recorded a new state of a resource. Read
/// from <c>configurationItem</c>, or from <c>configurationItemSummary</c> when Config sends the oversized form.
/// </summary>
/// <param name="ResourceName">The resource's name (a CloudFormation stack's name, where the id is its stack id).</param>
/// <param name="Status">Config's <c>configurationItemStatus</c>: OK, ResourceDiscovered, ResourceDeleted, …</param>
/// <param name="ChangeType">The diff's <c>changeType</c> (CREATE, UPDATE, DELETE); null when Config sent no diff.</param>
/// <param name="ChangedProperties">The changed property paths (<c>Configuration.Stages.1</c>, …), at most <see cref="MaxChangedProperties"/>.</param>
/// <param name="RelatedEvents">The CloudTrail event ids Config relates to the change.</param>
public sealed record ConfigurationItemChange(
    string ResourceType,
    string ResourceId,
    string? ResourceName,
    string? ResourceArn,
    string? AwsAccountId,
    string? AwsRegion,
    DateTimeOffset? CaptureTime,
    string? Status,
    string? ChangeType,
    IReadOnlyList<string> ChangedProperties,
    IReadOnlyList<string> RelatedEvents,
    IReadOnlyDictionary<string, string> Tags) : EventDetail
{
    public const int MaxChangedProperties = 50;
}
