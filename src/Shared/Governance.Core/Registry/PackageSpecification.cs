namespace Governance.Core.Registry;

/// <summary>
/// What a model package specifies beyond its identity, approval and metadata: the members a copy of the package
/// carries over (SageMaker CreateModelPackage's). Null means the package does not set the member.
/// </summary>
public sealed record PackageSpecification
{
    public static PackageSpecification None { get; } = new();

    /// <summary>SageMaker <c>ModelPackageRegistrationType</c> (Logged or Registered).</summary>
    public string? RegistrationType { get; init; }

    public InferenceSpecification? Inference { get; init; }

    public IReadOnlyList<AdditionalInferenceSpecification>? AdditionalInference { get; init; }

    /// <summary>SageMaker <c>SourceAlgorithmSpecification.SourceAlgorithms</c>.</summary>
    public IReadOnlyList<SourceAlgorithm>? SourceAlgorithms { get; init; }

    public bool? CertifyForMarketplace { get; init; }

    /// <summary>SageMaker <c>ModelMetrics</c>, one entry per report.</summary>
    public IReadOnlyList<ReportSource>? ModelMetrics { get; init; }

    /// <summary>SageMaker <c>DriftCheckBaselines</c>, one entry per baseline file.</summary>
    public IReadOnlyList<ReportSource>? DriftCheckBaselines { get; init; }

    public string? Domain { get; init; }

    public string? Task { get; init; }

    public string? SamplePayloadUrl { get; init; }

    /// <summary>SageMaker <c>SkipModelValidation</c> (All or None).</summary>
    public string? SkipModelValidation { get; init; }

    /// <summary>SageMaker <c>SecurityConfig.KmsKeyId</c>.</summary>
    public string? KmsKeyId { get; init; }

    public PackageModelCard? ModelCard { get; init; }

    public PackageLifeCycle? LifeCycle { get; init; }

    public string? ManagedStorageType { get; init; }
}

/// <summary>One report of <c>ModelMetrics</c> or <c>DriftCheckBaselines</c>, e.g. ModelQuality / Statistics.</summary>
public sealed record ReportSource(MetricSection Section, string Name, string S3Uri, string? ContentType, string? ContentDigest);

/// <summary>SageMaker <c>ModelPackageModelCard</c>.</summary>
public sealed record PackageModelCard(string? Content, string? Status);

/// <summary>SageMaker <c>ModelLifeCycle</c>.</summary>
public sealed record PackageLifeCycle(string? Stage, string? StageStatus, string? StageDescription);
