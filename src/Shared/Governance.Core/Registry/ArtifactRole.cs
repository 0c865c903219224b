namespace Governance.Core.Registry;

/// <summary>What an S3 object referenced by a model package is for.</summary>
public enum ArtifactRole
{
    /// <summary>Model weights: a container's <c>ModelDataUrl</c> or <c>ModelDataSource</c>.</summary>
    ModelData,

    /// <summary>Extra model data: <c>AdditionalModelDataSources</c> or <c>AdditionalS3DataSource</c>.</summary>
    AdditionalModelData,

    /// <summary>A report under <c>ModelMetrics</c>.</summary>
    ModelMetrics,

    /// <summary>A baseline under <c>DriftCheckBaselines</c>.</summary>
    DriftCheckBaseline,

    /// <summary>The <c>SamplePayloadUrl</c> archive.</summary>
    SamplePayload,
}
