using System.Text.Json;

namespace Governance.Aws.SageMaker;

/// <summary>A key/value tag on a SageMaker resource.</summary>
public sealed record ResourceTag(string Key, string Value);

/// <summary>A container of a package's inference specification.</summary>
/// <param name="Image">Container image URI.</param>
/// <param name="ImageDigest">Image digest, when SageMaker recorded it.</param>
/// <param name="ModelDataUrl">S3 URI of the model artifact (ModelDataUrl, or ModelDataSource.S3DataSource.S3Uri).</param>
public sealed record PackageContainer(string? Image, string? ImageDigest, string? ModelDataUrl);

/// <summary>
/// DescribeModelPackage's answer: the fields the service reads, typed, and the whole response in
/// <see cref="Document"/>, so nothing is lost when the package is copied.
/// </summary>
public sealed record ModelPackage(
    string Arn,
    string Name,
    string? GroupName,
    int? Version,
    string? ApprovalStatus,
    string Status,
    string? Description,
    string? ApprovalDescription,
    DateTimeOffset? CreationTime,
    DateTimeOffset? LastModifiedTime,
    IReadOnlyDictionary<string, string> CustomerMetadata,
    IReadOnlyList<PackageContainer> Containers,
    JsonElement Document);

/// <summary>A model package group.</summary>
public sealed record ModelPackageGroup(string Name, string Arn, string? Description, string Status, DateTimeOffset? CreationTime, JsonElement Document);

/// <summary>One entry of ListModelPackages.</summary>
public sealed record ModelPackageSummary(
    string Arn,
    string? Name,
    string? GroupName,
    int? Version,
    string? ApprovalStatus,
    string Status,
    DateTimeOffset? CreationTime);

/// <summary>Filters for ListModelPackages; every page is read.</summary>
public sealed record ModelPackageQuery
{
    public string? ModelPackageGroupName { get; init; }

    public string? ModelApprovalStatus { get; init; }

    /// <summary>Versioned, Unversioned or Both.</summary>
    public string? ModelPackageType { get; init; }

    public string SortBy { get; init; } = "CreationTime";

    public string SortOrder { get; init; } = "Ascending";

    /// <summary>Page size (1..100).</summary>
    public int PageSize { get; init; } = 100;
}

/// <summary>CreateModelPackageGroup.</summary>
public sealed record CreateModelPackageGroupRequest(string ModelPackageGroupName)
{
    public string? Description { get; init; }

    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];
}

/// <summary>UpdateModelPackage: approval status and metadata.</summary>
public sealed record UpdateModelPackageRequest(string ModelPackageArn)
{
    public string? ModelApprovalStatus { get; init; }

    public string? ApprovalDescription { get; init; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; init; }

    public IReadOnlyList<string> CustomerMetadataPropertiesToRemove { get; init; } = [];

    /// <summary>Idempotency token, 1..36 of [a-zA-Z0-9-].</summary>
    public string? ClientToken { get; init; }
}

/// <summary>A SageMaker pipeline parameter.</summary>
public sealed record PipelineParameter(string Name, string Value);

/// <summary>StartPipelineExecution (SageMaker Pipelines).</summary>
/// <param name="PipelineName">Pipeline name or ARN.</param>
/// <param name="ClientRequestToken">Idempotency token, 32..128 characters.</param>
public sealed record StartPipelineExecutionRequest(string PipelineName, string ClientRequestToken)
{
    public IReadOnlyList<PipelineParameter> Parameters { get; init; } = [];

    public string? DisplayName { get; init; }

    public string? Description { get; init; }
}
