using System.Text.Json.Nodes;
using Governance.Core.Registry;
using CoreModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Aws.SageMaker;

/// <summary>
/// Writes a package's specification as the CreateModelPackage members it maps to (the reverse of
/// <see cref="PackageSpecificationReader"/>); unset members are left out.
/// </summary>
internal static class PackageSpecificationWriter
{
    public static JsonObject Write(CoreModelPackage package)
    {
        var specification = package.Specification;
        var output = new JsonObject();
        Set(output, "ModelPackageRegistrationType", specification.RegistrationType);
        Set(output, "InferenceSpecification", specification.Inference is { } inference ? Inference(inference, []) : null);
        Set(output, "SourceAlgorithmSpecification", specification.SourceAlgorithms is { } algorithms
            ? new JsonObject { ["SourceAlgorithms"] = new JsonArray([.. algorithms.Select(SourceAlgorithm)]) }
            : null);
        Set(output, "CertifyForMarketplace", specification.CertifyForMarketplace);
        Set(output, "MetadataProperties", Metadata(package.Metadata));
        Set(output, "ModelMetrics", Reports(specification.ModelMetrics));
        Set(output, "Domain", specification.Domain);
        Set(output, "Task", specification.Task);
        Set(output, "SamplePayloadUrl", specification.SamplePayloadUrl);
        Set(output, "DriftCheckBaselines", Reports(specification.DriftCheckBaselines));
        Set(output, "AdditionalInferenceSpecifications", specification.AdditionalInference is { } additional
            ? new JsonArray([.. additional.Select(item => Inference(item.Specification, [("Name", item.Name), ("Description", item.Description)]))])
            : null);
        Set(output, "SkipModelValidation", specification.SkipModelValidation);
        Set(output, "SourceUri", package.SourceUri);
        Set(output, "SecurityConfig", specification.KmsKeyId is { } key ? new JsonObject { ["KmsKeyId"] = key } : null);
        Set(output, "ModelCard", specification.ModelCard is { } card ? Object(("ModelCardContent", card.Content), ("ModelCardStatus", card.Status)) : null);
        Set(output, "ModelLifeCycle", specification.LifeCycle is { } life
            ? Object(("Stage", life.Stage), ("StageStatus", life.StageStatus), ("StageDescription", life.StageDescription))
            : null);
        Set(output, "ManagedStorageType", specification.ManagedStorageType);
        return output;
    }

    private static JsonObject Inference(InferenceSpecification specification, (string Name, string? Value)[] names)
    {
        var output = Object(names);
        output["Containers"] = new JsonArray([.. specification.Containers.Select(Container)]);
        Set(output, "SupportedTransformInstanceTypes", Strings(specification.SupportedTransformInstanceTypes));
        Set(output, "SupportedRealtimeInferenceInstanceTypes", Strings(specification.SupportedRealtimeInferenceInstanceTypes));
        Set(output, "SupportedContentTypes", Strings(specification.SupportedContentTypes));
        Set(output, "SupportedResponseMIMETypes", Strings(specification.SupportedResponseMimeTypes));
        return output;
    }

    private static JsonObject Container(InferenceContainer container)
    {
        var output = Object(
            ("ContainerHostname", container.ContainerHostname),
            ("Image", container.Image),
            ("ImageDigest", container.ImageDigest),
            ("ModelDataUrl", container.ModelDataUrl));
        Set(output, "ModelDataSource", ModelDataSource(container.ModelDataSource));
        Set(output, "ProductId", container.ProductId);
        Set(output, "Environment", container.Environment is { } environment
            ? new JsonObject(environment.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)))
            : null);
        Set(output, "ModelInput", container.DataInputConfig is { } input ? new JsonObject { ["DataInputConfig"] = input } : null);
        Set(output, "Framework", container.Framework);
        Set(output, "FrameworkVersion", container.FrameworkVersion);
        Set(output, "NearestModelName", container.NearestModelName);
        Set(output, "AdditionalModelDataSources", container.AdditionalModelDataSources is { } sources
            ? new JsonArray([.. sources.Select(source => Join(Object(("ChannelName", source.ChannelName)), "S3DataSource", S3Source(source.S3DataSource)))])
            : null);
        Set(output, "AdditionalS3DataSource", container.AdditionalS3DataSource is { } additional
            ? Object(("S3DataType", additional.S3DataType), ("S3Uri", additional.S3Uri), ("CompressionType", additional.CompressionType), ("ETag", additional.ETag))
            : null);
        Set(output, "ModelDataETag", container.ModelDataETag);
        Set(output, "IsCheckpoint", container.IsCheckpoint);
        Set(output, "BaseModel", container.BaseModel is { } model
            ? Object(("HubContentName", model.HubContentName), ("HubContentVersion", model.HubContentVersion), ("RecipeName", model.RecipeName))
            : null);
        return output;
    }

    private static JsonObject SourceAlgorithm(SourceAlgorithm algorithm)
    {
        var output = Object(("ModelDataUrl", algorithm.ModelDataUrl));
        Set(output, "ModelDataSource", ModelDataSource(algorithm.ModelDataSource));
        Set(output, "ModelDataETag", algorithm.ModelDataETag);
        Set(output, "AlgorithmName", algorithm.AlgorithmName);
        return output;
    }

    private static JsonObject? ModelDataSource(S3ModelDataSource? source) =>
        S3Source(source) is { } s3 ? new JsonObject { ["S3DataSource"] = s3 } : null;

    private static JsonObject? S3Source(S3ModelDataSource? source)
    {
        if (source is null)
        {
            return null;
        }

        var output = Object(("S3Uri", source.S3Uri), ("S3DataType", source.S3DataType), ("CompressionType", source.CompressionType));
        Set(output, "ModelAccessConfig", source.AcceptEula is { } accept ? new JsonObject { ["AcceptEula"] = accept } : null);
        Set(output, "HubAccessConfig", source.HubContentArn is { } hub ? new JsonObject { ["HubContentArn"] = hub } : null);
        Set(output, "ManifestS3Uri", source.ManifestS3Uri);
        Set(output, "ETag", source.ETag);
        Set(output, "ManifestEtag", source.ManifestEtag);
        return output;
    }

    private static JsonObject? Metadata(PackageMetadata metadata) => metadata == PackageMetadata.None
        ? null
        : Object(("CommitId", metadata.CommitId), ("Repository", metadata.Repository), ("GeneratedBy", metadata.GeneratedBy), ("ProjectId", metadata.ProjectId));

    private static JsonObject? Reports(IReadOnlyList<ReportSource>? reports)
    {
        if (reports is null)
        {
            return null;
        }

        var output = new JsonObject();
        foreach (var report in reports)
        {
            var section = output[report.Section.ToString()] as JsonObject ?? new JsonObject();
            output[report.Section.ToString()] = section;
            section[report.Name] = Object(("ContentType", report.ContentType), ("ContentDigest", report.ContentDigest), ("S3Uri", report.S3Uri));
        }

        return output;
    }

    private static JsonArray? Strings(IReadOnlyList<string>? values) => values is null ? null : new JsonArray([.. values.Select(value => (JsonNode?)value)]);

    private static JsonObject Object(params (string Name, string? Value)[] members)
    {
        var output = new JsonObject();
        foreach (var (name, value) in members)
        {
            Set(output, name, value);
        }

        return output;
    }

    private static JsonObject Join(JsonObject owner, string name, JsonNode? value)
    {
        Set(owner, name, value);
        return owner;
    }

    private static void Set(JsonObject owner, string name, JsonNode? value)
    {
        if (value is not null)
        {
            owner[name] = value;
        }
    }

    private static void Set(JsonObject owner, string name, string? value) => Set(owner, name, value is null ? null : JsonValue.Create(value));

    private static void Set(JsonObject owner, string name, bool? value) => Set(owner, name, value is { } flag ? JsonValue.Create(flag) : null);
}
