using System.Text.Json;
using Governance.Core.Registry;
using static Governance.Aws.SageMaker.DescriptionJson;

namespace Governance.Aws.SageMaker;

/// <summary>Reads the <see cref="PackageSpecification"/> members of a DescribeModelPackage document.</summary>
internal static class PackageSpecificationReader
{
    /// <summary>The <c>ModelMetrics</c> / <c>DriftCheckBaselines</c> sections, in the order they are read.</summary>
    public static readonly (string Member, MetricSection Section)[] Sections =
    [
        ("ModelQuality", MetricSection.ModelQuality),
        ("ModelDataQuality", MetricSection.ModelDataQuality),
        ("Bias", MetricSection.Bias),
        ("Explainability", MetricSection.Explainability),
    ];

    public static PackageSpecification Read(JsonElement document)
    {
        var card = Object(document, "ModelCard");
        var lifeCycle = Object(document, "ModelLifeCycle");
        return new PackageSpecification
        {
            RegistrationType = String(document, "ModelPackageRegistrationType"),
            Inference = Object(document, "InferenceSpecification") is { } inference ? Inference(inference) : null,
            AdditionalInference = Member(document, "AdditionalInferenceSpecifications") is { ValueKind: JsonValueKind.Array }
                ? [.. Array(document, "AdditionalInferenceSpecifications")
                    .Where(item => item.ValueKind == JsonValueKind.Object)
                    .Select(item => new AdditionalInferenceSpecification(String(item, "Name"), String(item, "Description"), Inference(item)))]
                : null,
            SourceAlgorithms = Member(Object(document, "SourceAlgorithmSpecification"), "SourceAlgorithms") is { ValueKind: JsonValueKind.Array }
                ? [.. Array(Object(document, "SourceAlgorithmSpecification"), "SourceAlgorithms")
                    .Where(item => item.ValueKind == JsonValueKind.Object)
                    .Select(item => new SourceAlgorithm(String(item, "AlgorithmName"), String(item, "ModelDataUrl"), ModelDataSource(item), String(item, "ModelDataETag")))]
                : null,
            CertifyForMarketplace = Boolean(document, "CertifyForMarketplace"),
            ModelMetrics = Reports(document, "ModelMetrics"),
            DriftCheckBaselines = Reports(document, "DriftCheckBaselines"),
            Domain = String(document, "Domain"),
            Task = String(document, "Task"),
            SamplePayloadUrl = String(document, "SamplePayloadUrl"),
            SkipModelValidation = String(document, "SkipModelValidation"),
            KmsKeyId = String(Object(document, "SecurityConfig"), "KmsKeyId"),
            ModelCard = card is null ? null : new PackageModelCard(String(card, "ModelCardContent"), String(card, "ModelCardStatus")),
            LifeCycle = lifeCycle is null ? null : new PackageLifeCycle(String(lifeCycle, "Stage"), String(lifeCycle, "StageStatus"), String(lifeCycle, "StageDescription")),
            ManagedStorageType = String(document, "ManagedStorageType"),
        };
    }

    private static InferenceSpecification Inference(JsonElement specification) =>
        new([.. Array(specification, "Containers").Where(item => item.ValueKind == JsonValueKind.Object).Select(Container)])
        {
            SupportedTransformInstanceTypes = Strings(specification, "SupportedTransformInstanceTypes"),
            SupportedRealtimeInferenceInstanceTypes = Strings(specification, "SupportedRealtimeInferenceInstanceTypes"),
            SupportedContentTypes = Strings(specification, "SupportedContentTypes"),
            SupportedResponseMimeTypes = Strings(specification, "SupportedResponseMIMETypes"),
        };

    private static InferenceContainer Container(JsonElement container)
    {
        var additionalS3 = Object(container, "AdditionalS3DataSource");
        var baseModel = Object(container, "BaseModel");
        return new InferenceContainer
        {
            ContainerHostname = String(container, "ContainerHostname"),
            Image = String(container, "Image"),
            ImageDigest = String(container, "ImageDigest"),
            ModelDataUrl = String(container, "ModelDataUrl"),
            ModelDataSource = ModelDataSource(container),
            ProductId = String(container, "ProductId"),
            Environment = Object(container, "Environment") is { } environment ? StringMap(environment) : null,
            DataInputConfig = String(Object(container, "ModelInput"), "DataInputConfig"),
            Framework = String(container, "Framework"),
            FrameworkVersion = String(container, "FrameworkVersion"),
            NearestModelName = String(container, "NearestModelName"),
            AdditionalModelDataSources = Member(container, "AdditionalModelDataSources") is { ValueKind: JsonValueKind.Array }
                ? [.. Array(container, "AdditionalModelDataSources")
                    .Select(source => new AdditionalModelDataSource(String(source, "ChannelName"), S3Source(Object(source, "S3DataSource"))))]
                : null,
            AdditionalS3DataSource = additionalS3 is null
                ? null
                : new AdditionalS3DataSource(String(additionalS3, "S3DataType"), String(additionalS3, "S3Uri"), String(additionalS3, "CompressionType"), String(additionalS3, "ETag")),
            ModelDataETag = String(container, "ModelDataETag"),
            IsCheckpoint = Boolean(container, "IsCheckpoint"),
            BaseModel = baseModel is null ? null : new BaseModel(String(baseModel, "HubContentName"), String(baseModel, "HubContentVersion"), String(baseModel, "RecipeName")),
        };
    }

    private static S3ModelDataSource? ModelDataSource(JsonElement owner) => S3Source(Object(Object(owner, "ModelDataSource"), "S3DataSource"));

    private static S3ModelDataSource? S3Source(JsonElement? source) => source is { } s3
        ? new S3ModelDataSource(String(s3, "S3Uri"), String(s3, "S3DataType"), String(s3, "CompressionType"))
        {
            AcceptEula = Boolean(Object(s3, "ModelAccessConfig"), "AcceptEula"),
            HubContentArn = String(Object(s3, "HubAccessConfig"), "HubContentArn"),
            ManifestS3Uri = String(s3, "ManifestS3Uri"),
            ETag = String(s3, "ETag"),
            ManifestEtag = String(s3, "ManifestEtag"),
        }
        : null;

    private static List<ReportSource>? Reports(JsonElement document, string member)
    {
        if (Object(document, member) is not { } reports)
        {
            return null;
        }

        var found = new List<ReportSource>();
        foreach (var (sectionName, section) in Sections)
        {
            if (Object(reports, sectionName) is not { } sectionElement)
            {
                continue;
            }

            foreach (var report in sectionElement.EnumerateObject())
            {
                if (String(report.Value, "S3Uri") is { } uri && !string.IsNullOrWhiteSpace(uri))
                {
                    found.Add(new ReportSource(section, report.Name, uri, String(report.Value, "ContentType"), String(report.Value, "ContentDigest")));
                }
            }
        }

        return found;
    }
}
