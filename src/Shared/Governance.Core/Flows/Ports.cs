using Governance.Core.Notifications;
using Governance.Core.Registry;

namespace Governance.Core.Flows;

/// <summary>Reads model packages in team accounts (through the reader role the team account provides).</summary>
public interface ITeamRegistry
{
    /// <summary>
    /// Describes the package and gathers its tags: the group's tags, overlaid with <paramref name="eventTags"/>
    /// (the package's own tags as the approval event carried them).
    /// </summary>
    /// <exception cref="FlowStepException">The role cannot be assumed, access is denied, or the package is gone.</exception>
    Task<ModelPackage> DescribeAsync(ModelPackageArn packageArn, IReadOnlyDictionary<string, string> eventTags, CancellationToken cancellationToken);
}

/// <summary>The central model registry in the governance account.</summary>
public interface ICentralRegistry
{
    /// <summary>The ARN of the central package copied from <paramref name="sourcePackageArn"/>, or null when there is none.</summary>
    Task<string?> FindBySourceAsync(string groupName, string sourcePackageArn, CancellationToken cancellationToken);

    /// <summary>Creates the group unless it exists (tagged with team and source account); returns its ARN.</summary>
    Task<string> EnsureGroupAsync(CentralGroupSpec group, CancellationToken cancellationToken);

    /// <summary>Whether the central group exists, and the account its <c>governance:source-account</c> tag names.</summary>
    Task<CentralGroupOwner> GroupOwnerAsync(string groupName, CancellationToken cancellationToken);

    /// <summary>Creates the central package (PendingManualApproval); returns its ARN.</summary>
    Task<string> CreatePackageAsync(CentralPackageDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// The central package's approval status as the registry holds it now (DescribeModelPackage), e.g.
    /// <c>Approved</c>; null when the package no longer exists.
    /// </summary>
    Task<string?> CurrentStatusAsync(string packageArn, CancellationToken cancellationToken);
}

/// <summary>Copies model artifacts into the central model bucket, reading only what the package's own account owns.</summary>
public interface IArtifactStore
{
    /// <summary>
    /// Copies <paramref name="sourceUri"/> to <paramref name="centralKey"/> in the central bucket, verifying SHA-256. Every
    /// read of the source expects its bucket to be owned by <paramref name="sourceAccount"/> (the package's account).
    /// </summary>
    /// <exception cref="FlowStepException">The source is missing, in another account's bucket, or access is denied.</exception>
    Task<ArtifactCopy> CopyAsync(string sourceUri, string sourceAccount, string centralKey, CancellationToken cancellationToken);

    /// <summary>
    /// Copies every object under the key prefix <paramref name="sourcePrefixUri"/> (an <c>S3Prefix</c> model, ending in
    /// <c>/</c>) to the same relative keys under <paramref name="centralPrefix"/>, each verified by its SHA-256, in key order.
    /// </summary>
    /// <exception cref="FlowStepException">The prefix holds no object or more than a model may, or a copy fails as in <see cref="CopyAsync"/>.</exception>
    Task<IReadOnlyList<ArtifactCopy>> CopyPrefixAsync(string sourcePrefixUri, string sourceAccount, string centralPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// The account that owns <paramref name="bucket"/> when it is <paramref name="packageAccount"/> or the governance
    /// account; null when it is neither (S3 names no owner account for a bucket, so others cannot be named).
    /// </summary>
    Task<string?> BucketOwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken);
}

/// <summary>Starts deployment pipelines (SageMaker Pipelines or CodePipeline).</summary>
public interface IPipelineLauncher
{
    Task<PipelineLaunch> StartAsync(PipelineStart start, CancellationToken cancellationToken);
}

/// <summary>Publishes notifications to the service's topic.</summary>
public interface INotifier
{
    /// <summary>Returns the message id.</summary>
    Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>A central group's owner as its tag says: <see cref="Account"/> is null when the group is absent or untagged.</summary>
public sealed record CentralGroupOwner(bool Exists, string? Account)
{
    public static CentralGroupOwner Absent { get; } = new(false, null);
}

/// <summary>The central package group and the tags it carries.</summary>
public sealed record CentralGroupSpec(string GroupName, string? Description, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// What the central registry needs to create the copy of a team package.
/// </summary>
/// <param name="GroupName">The central group.</param>
/// <param name="Source">The team package (its specification is copied).</param>
/// <param name="Replacements">Strings replaced anywhere in the copied specification: source artifact URI → central URI,
/// image URI → image pinned by digest.</param>
/// <param name="CustomerMetadata">The team's CustomerMetadataProperties plus provenance.</param>
/// <param name="Tags">Tags of the central package (team and provenance).</param>
/// <param name="ClientToken">Deterministic idempotency token (36 characters).</param>
public sealed record CentralPackageDraft(
    string GroupName,
    ModelPackage Source,
    IReadOnlyDictionary<string, string> Replacements,
    IReadOnlyDictionary<string, string> CustomerMetadata,
    IReadOnlyDictionary<string, string> Tags,
    string ClientToken);

/// <summary>A verified copy: where it came from, where it is, and its SHA-256 (lower-case hex).</summary>
public sealed record ArtifactCopy(string SourceUri, string CentralUri, string Sha256, long Size);

/// <summary>Which pipeline to start, how, and with what.</summary>
public sealed record PipelineStart(DeploymentTarget Target, string ClientToken, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A started execution.</summary>
/// <param name="Kind">"SageMakerPipeline" or "CodePipeline".</param>
/// <param name="ExecutionId">Execution ARN (SageMaker) or execution id (CodePipeline).</param>
public sealed record PipelineLaunch(string Kind, string PipelineName, string ExecutionId);
