namespace Governance.Core.Events;

/// <summary>SageMaker model registry approval states (PascalCase on the wire).</summary>
public enum ModelApprovalStatus
{
    PendingManualApproval,
    Approved,
    Rejected,
}

/// <summary>A SageMaker user as recorded in <c>CreatedBy</c>/<c>LastModifiedBy</c>.</summary>
public sealed record SageMakerUser(string? UserProfileName, string? UserProfileArn, string? DomainId, string? IamIdentityArn);

/// <summary>
/// <c>aws.sagemaker</c> / <c>SageMaker Model Package State Change</c>. The package lives in the account named by
/// <see cref="ModelPackageArn"/>; that account (not the envelope's) identifies where it came from.
/// </summary>
/// <param name="ModelPackageGroupName">From the detail, else from a versioned ARN (which SageMaker lower-cases).</param>
/// <param name="ModelPackageVersion">From the detail (integral floats and digit strings accepted), else from the ARN.</param>
/// <param name="UpdatedFields">Which fields changed (<c>UpdatedModelPackageFields</c>); empty when not sent.</param>
public sealed record ModelPackageStateChange(
    Arn ModelPackageArn,
    string? ModelPackageGroupName,
    int? ModelPackageVersion,
    ModelApprovalStatus ApprovalStatus,
    string? ModelPackageStatus,
    string? ModelPackageName,
    string? ModelPackageDescription,
    string? ApprovalDescription,
    DateTimeOffset? CreationTime,
    DateTimeOffset? LastModifiedTime,
    string? GeneratedBy,
    string? LifeCycleStage,
    string? LifeCycleStageStatus,
    string? LifeCycleStageDescription,
    IReadOnlyList<string> UpdatedFields,
    SageMakerUser? CreatedBy,
    SageMakerUser? LastModifiedBy) : EventDetail
{
    /// <summary>The <c>UpdatedModelPackageFields</c> value naming an approval status change.</summary>
    public const string ApprovalStatusField = "ModelApprovalStatus";

    /// <summary>The <c>UpdatedModelPackageFields</c> value naming a lifecycle stage change.</summary>
    public const string LifeCycleField = "ModelLifeCycle";

    /// <summary>The account the package lives in (the ARN's account).</summary>
    public string OwnerAccount => ModelPackageArn.Account;

    /// <summary>
    /// Whether this event is an approval decision: the approval status is among the updated fields, or the event
    /// names no updated fields at all (a package created with its status, or a producer that does not send the list).
    /// </summary>
    public bool IsApprovalTransition => UpdatedFields.Count == 0 || Updated(ApprovalStatusField);

    /// <summary>Whether the lifecycle stage is among the updated fields.</summary>
    public bool IsLifeCycleChange => Updated(LifeCycleField);

    /// <summary>Whether <paramref name="field"/> is among the updated fields (SageMaker's casing varies: <c>sourceUri</c>).</summary>
    public bool Updated(string field) => UpdatedFields.Contains(field, StringComparer.OrdinalIgnoreCase);
}
