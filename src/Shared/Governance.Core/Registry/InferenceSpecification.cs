namespace Governance.Core.Registry;

/// <summary>SageMaker <c>InferenceSpecification</c>: the containers that serve the model and what they accept.</summary>
public sealed record InferenceSpecification(IReadOnlyList<InferenceContainer> Containers)
{
    public IReadOnlyList<string>? SupportedTransformInstanceTypes { get; init; }

    public IReadOnlyList<string>? SupportedRealtimeInferenceInstanceTypes { get; init; }

    public IReadOnlyList<string>? SupportedContentTypes { get; init; }

    public IReadOnlyList<string>? SupportedResponseMimeTypes { get; init; }
}

/// <summary>One of SageMaker <c>AdditionalInferenceSpecifications</c>.</summary>
public sealed record AdditionalInferenceSpecification(string? Name, string? Description, InferenceSpecification Specification);

/// <summary>SageMaker <c>ModelPackageContainerDefinition</c>.</summary>
public sealed record InferenceContainer
{
    public string? ContainerHostname { get; init; }

    public string? Image { get; init; }

    public string? ImageDigest { get; init; }

    public string? ModelDataUrl { get; init; }

    /// <summary>SageMaker <c>ModelDataSource.S3DataSource</c>.</summary>
    public S3ModelDataSource? ModelDataSource { get; init; }

    public string? ProductId { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>SageMaker <c>ModelInput.DataInputConfig</c>.</summary>
    public string? DataInputConfig { get; init; }

    public string? Framework { get; init; }

    public string? FrameworkVersion { get; init; }

    public string? NearestModelName { get; init; }

    public IReadOnlyList<AdditionalModelDataSource>? AdditionalModelDataSources { get; init; }

    public AdditionalS3DataSource? AdditionalS3DataSource { get; init; }

    public string? ModelDataETag { get; init; }

    public bool? IsCheckpoint { get; init; }

    public BaseModel? BaseModel { get; init; }
}

/// <summary>SageMaker <c>S3ModelDataSource</c>; <see cref="AcceptEula"/> is <c>ModelAccessConfig.AcceptEula</c>,
/// <see cref="HubContentArn"/> is <c>HubAccessConfig.HubContentArn</c>.</summary>
public sealed record S3ModelDataSource(string? S3Uri, string? S3DataType, string? CompressionType)
{
    public bool? AcceptEula { get; init; }

    public string? HubContentArn { get; init; }

    public string? ManifestS3Uri { get; init; }

    public string? ETag { get; init; }

    public string? ManifestEtag { get; init; }
}

/// <summary>SageMaker <c>AdditionalModelDataSource</c>.</summary>
public sealed record AdditionalModelDataSource(string? ChannelName, S3ModelDataSource? S3DataSource);

/// <summary>SageMaker <c>AdditionalS3DataSource</c>.</summary>
public sealed record AdditionalS3DataSource(string? S3DataType, string? S3Uri, string? CompressionType, string? ETag);

/// <summary>SageMaker <c>BaseModel</c>.</summary>
public sealed record BaseModel(string? HubContentName, string? HubContentVersion, string? RecipeName);

/// <summary>SageMaker <c>SourceAlgorithm</c>.</summary>
public sealed record SourceAlgorithm(string? AlgorithmName, string? ModelDataUrl, S3ModelDataSource? ModelDataSource, string? ModelDataETag);
