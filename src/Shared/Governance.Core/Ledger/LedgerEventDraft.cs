namespace Governance.Core.Ledger;

/// <summary>
/// What a handler asks the ledger to append to a subject's chain. The ledger adds the sequence number,
/// the recording time and the hashes (see <see cref="LedgerRecord"/>).
/// </summary>
/// <param name="Subject">Whose timeline the record belongs to.</param>
/// <param name="EventId">The id of the event that caused it (EventBridge id, CloudTrail eventID); appending the
/// same event id to the same subject again returns the record already there.</param>
/// <param name="Kind">What happened, e.g. <c>model.submitted</c>, <c>audit.CreateEndpoint</c>.</param>
/// <param name="OccurredAt">When it happened, by the event's own clock; orders the activity and account indexes.</param>
/// <param name="Actor">Who did it (principal ARN), when known.</param>
/// <param name="Account">The AWS account it happened in, when known; feeds the per-account index.</param>
/// <param name="ModelPackageGroup">The model package group it concerns, when any; feeds the per-group index.</param>
/// <param name="Attributes">Everything else worth keeping, as text (JSON fragments are fine).</param>
public sealed record LedgerEventDraft(
    NodeRef Subject,
    string EventId,
    string Kind,
    DateTimeOffset OccurredAt,
    string? Actor,
    string? Account,
    string? ModelPackageGroup,
    IReadOnlyDictionary<string, string> Attributes);
