namespace Governance.Core.Registry;

/// <summary>
/// A model package as the governance domain sees it: what SageMaker DescribeModelPackage and ListTags say about it,
/// with the images and S3 artifacts it references pulled out. <see cref="Specification"/> holds the members a copy
/// of the package carries over. The SageMaker adapter builds it from the service's answer.
/// </summary>
public sealed record ModelPackage(
    ModelPackageArn Arn,
    string GroupName,
    int? Version,
    string? Name,
    string? Description,
    string? ApprovalStatus,
    string? ApprovalDescription,
    DateTimeOffset? CreationTime,
    DateTimeOffset? LastModifiedTime,
    UserContext? CreatedBy,
    UserContext? LastModifiedBy,
    IReadOnlyList<ContainerImage> Images,
    IReadOnlyList<ArtifactReference> Artifacts,
    IReadOnlyList<MetricSection> MetricSections,
    IReadOnlyDictionary<string, string> CustomerMetadata,
    PackageMetadata Metadata,
    string? SourceUri,
    IReadOnlyDictionary<string, string> Tags,
    PackageSpecification Specification)
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string PendingManualApproval = "PendingManualApproval";

    /// <summary>The account that owns the package (from its ARN).</summary>
    public string Account => Arn.Account;

    /// <summary>The region the package lives in (from its ARN).</summary>
    public string Region => Arn.Region;

    /// <summary>A short name for people: <c>group v3</c>, or the group alone when unversioned.</summary>
    public string DisplayName => Version is { } version ? GroupName + " v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) : GroupName;

    /// <summary>The value of a tag, or null when the package does not carry it.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;
}
