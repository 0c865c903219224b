using System.Text.Json;

namespace Governance.Core.Events;

/// <summary>
/// Who made a CloudTrail-recorded call. <see cref="Arn"/> is kept as text: CloudTrail sends empty strings for
/// unknown principals. <see cref="MfaAuthenticated"/> arrives as the string "true"/"false".
/// </summary>
public sealed record CloudTrailIdentity(
    string? Type,
    string? PrincipalId,
    string? Arn,
    string? AccountId,
    string? AccessKeyId,
    string? UserName,
    string? InvokedBy,
    string? SessionIssuerArn,
    bool? MfaAuthenticated,
    DateTimeOffset? SessionCreationDate);

/// <summary>
/// An API call recorded by CloudTrail: the detail of <c>AWS API Call via CloudTrail</c>, or a raw CloudTrail record.
/// Request and response payloads are kept raw (CloudTrail lower-camel-cases API members; shapes vary per call).
/// </summary>
/// <param name="RequestParameters">Null when CloudTrail sent null or nothing.</param>
/// <param name="ResponseElements">Null when CloudTrail sent null or nothing (common, and for failed calls).</param>
/// <param name="ResourceArns">ARNs listed in the record's own <c>resources[]</c> (key <c>ARN</c>), when any.</param>
public sealed record CloudTrailApiCall(
    string EventSource,
    string EventName,
    DateTimeOffset? EventTime,
    string? EventId,
    string? RequestId,
    string? EventType,
    string? AwsRegion,
    string? RecipientAccountId,
    bool? ReadOnly,
    CloudTrailIdentity? UserIdentity,
    string? SourceIpAddress,
    string? UserAgent,
    string? ErrorCode,
    string? ErrorMessage,
    JsonElement? RequestParameters,
    JsonElement? ResponseElements,
    IReadOnlyList<string> ResourceArns) : EventDetail;
