using Governance.Core.Registry;

namespace Governance.Aws.SageMaker;

/// <summary>
/// The container images and S3 objects a package specification references, each with the path of its member in the
/// DescribeModelPackage document.
/// </summary>
internal static class PackageReferences
{
    public static (IReadOnlyList<ContainerImage> Images, IReadOnlyList<ArtifactReference> Artifacts) Of(PackageSpecification specification)
    {
        var images = new List<ContainerImage>();
        var artifacts = new List<ArtifactReference>();
        if (specification.Inference is { } inference)
        {
            AddContainers(inference, "$.InferenceSpecification", images, artifacts);
        }

        foreach (var (additional, index) in (specification.AdditionalInference ?? []).Select((item, index) => (item, index)))
        {
            AddContainers(additional.Specification, $"$.AdditionalInferenceSpecifications[{index}]", images, artifacts);
        }

        foreach (var (algorithm, index) in (specification.SourceAlgorithms ?? []).Select((item, index) => (item, index)))
        {
            AddModelData(algorithm.ModelDataUrl, algorithm.ModelDataSource, $"$.SourceAlgorithmSpecification.SourceAlgorithms[{index}]", artifacts);
        }

        AddUri(artifacts, ArtifactRole.SamplePayload, specification.SamplePayloadUrl, "$.SamplePayloadUrl");
        AddReports(specification.ModelMetrics, "ModelMetrics", ArtifactRole.ModelMetrics, artifacts);
        AddReports(specification.DriftCheckBaselines, "DriftCheckBaselines", ArtifactRole.DriftCheckBaseline, artifacts);
        return (images.AsReadOnly(), artifacts.AsReadOnly());
    }

    private static void AddContainers(InferenceSpecification specification, string path, List<ContainerImage> images, List<ArtifactReference> artifacts)
    {
        foreach (var (container, index) in specification.Containers.Select((item, index) => (item, index)))
        {
            var containerPath = $"{path}.Containers[{index}]";
            if (container.Image is { Length: > 0 } image)
            {
                images.Add(ContainerImage.Parse(image, container.ImageDigest, containerPath + ".Image"));
            }

            AddModelData(container.ModelDataUrl, container.ModelDataSource, containerPath, artifacts);
            foreach (var (source, sourceIndex) in (container.AdditionalModelDataSources ?? []).Select((item, index) => (item, index)))
            {
                AddUri(artifacts, ArtifactRole.AdditionalModelData, source.S3DataSource?.S3Uri,
                    $"{containerPath}.AdditionalModelDataSources[{sourceIndex}].S3DataSource.S3Uri");
            }

            AddUri(artifacts, ArtifactRole.AdditionalModelData, container.AdditionalS3DataSource?.S3Uri, containerPath + ".AdditionalS3DataSource.S3Uri");
        }
    }

    private static void AddModelData(string? modelDataUrl, S3ModelDataSource? source, string path, List<ArtifactReference> artifacts)
    {
        AddUri(artifacts, ArtifactRole.ModelData, modelDataUrl, path + ".ModelDataUrl");
        AddUri(artifacts, ArtifactRole.ModelData, source?.S3Uri, path + ".ModelDataSource.S3DataSource.S3Uri");
        AddUri(artifacts, ArtifactRole.ModelData, source?.ManifestS3Uri, path + ".ModelDataSource.S3DataSource.ManifestS3Uri");
    }

    private static void AddReports(IReadOnlyList<ReportSource>? reports, string member, ArtifactRole role, List<ArtifactReference> artifacts)
    {
        foreach (var report in reports ?? [])
        {
            artifacts.Add(new ArtifactReference(
                role,
                report.S3Uri,
                S3Location.ParseOrNull(report.S3Uri),
                $"$.{member}.{report.Section}.{report.Name}.S3Uri",
                report.Section,
                report.Name,
                report.ContentType,
                report.ContentDigest));
        }
    }

    private static void AddUri(List<ArtifactReference> artifacts, ArtifactRole role, string? uri, string path)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return;
        }

        artifacts.Add(new ArtifactReference(role, uri, S3Location.ParseOrNull(uri), path, null, null, null, null));
    }
}
