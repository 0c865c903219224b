namespace Governance.Aws.SageMaker;

/// <summary>The SageMaker operations the governance service calls, and no others.</summary>
public interface ISageMakerClient
{
    Task<ModelPackage> DescribeModelPackageAsync(string nameOrArn, CancellationToken cancellationToken);

    Task<ModelPackageGroup> DescribeModelPackageGroupAsync(string nameOrArn, CancellationToken cancellationToken);

    /// <summary>Returns the group's ARN.</summary>
    Task<string> CreateModelPackageGroupAsync(CreateModelPackageGroupRequest request, CancellationToken cancellationToken);

    /// <summary>Returns the new package's ARN.</summary>
    Task<string> CreateModelPackageAsync(CreateModelPackageRequest request, CancellationToken cancellationToken);

    /// <summary>Returns the package's ARN.</summary>
    Task<string> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken);

    /// <summary>Every package matching <paramref name="query"/>, reading all pages.</summary>
    IAsyncEnumerable<ModelPackageSummary> ListModelPackagesAsync(ModelPackageQuery query, CancellationToken cancellationToken);

    /// <summary>All tags of a resource (all pages).</summary>
    Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>Returns the execution's ARN.</summary>
    Task<string> StartPipelineExecutionAsync(StartPipelineExecutionRequest request, CancellationToken cancellationToken);
}
