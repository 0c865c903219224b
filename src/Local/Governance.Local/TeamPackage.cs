using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Governance.Aws.SageMaker;

namespace Governance.Local;

/// <summary>A model package a team registers in its own account, as a data scientist's pipeline would.</summary>
/// <param name="ContainerImage">The inference container image (see <see cref="EcrImage"/>).</param>
/// <param name="ModelArtifact">The model artifact's S3 URI.</param>
public sealed record TeamPackage(string Group, string Description, string ContainerImage, string ModelArtifact)
{
    public string ApprovalStatus { get; init; } = "Approved";

    public IReadOnlyDictionary<string, string> CustomerMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The model quality statistics' S3 URI (ModelMetrics.ModelQuality); none when null.</summary>
    public string? EvaluationReport { get; init; }

    /// <summary>The bias report's S3 URI (ModelMetrics.Bias); none when null.</summary>
    public string? BiasReport { get; init; }

    /// <summary>The code revision (MetadataProperties.CommitId, with <see cref="SourceRepository"/>); none when null.</summary>
    public string? SourceCommit { get; init; }

    public string? SourceRepository { get; init; }

    /// <summary>
    /// A package whose artifacts lie under <paramref name="prefix"/> (<c>s3://bucket/path</c>) as
    /// <see cref="Artifacts"/> names them: model.tar.gz, evaluation.json, bias.json.
    /// </summary>
    public static TeamPackage Versioned(string group, string description, string image, string prefix) =>
        new(group, description, image, $"{prefix}/model.tar.gz")
        {
            EvaluationReport = $"{prefix}/evaluation.json",
            BiasReport = $"{prefix}/bias.json",
        };

    /// <summary>The objects of a <see cref="Versioned"/> package under <paramref name="keyPrefix"/>, by key.</summary>
    public static IReadOnlyDictionary<string, string> Artifacts(string keyPrefix, string model, string evaluation, string bias) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{keyPrefix}/model.tar.gz"] = model,
            [$"{keyPrefix}/evaluation.json"] = evaluation,
            [$"{keyPrefix}/bias.json"] = bias,
        };

    /// <summary>An image in the account's ECR, pinned by a digest derived from <paramref name="seed"/>.</summary>
    public static string EcrImage(string account, string region, string repository, string seed) =>
        $"{account}.dkr.ecr.{region}.amazonaws.com/{repository}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))}";

    public CreateModelPackageRequest Request()
    {
        var specification = new JsonObject
        {
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject { ["Image"] = ContainerImage, ["ModelDataUrl"] = ModelArtifact }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
        };
        var metrics = new JsonObject();
        if (EvaluationReport is not null)
        {
            metrics["ModelQuality"] = new JsonObject { ["Statistics"] = Report(EvaluationReport) };
        }

        if (BiasReport is not null)
        {
            metrics["Bias"] = new JsonObject { ["Report"] = Report(BiasReport) };
        }

        if (metrics.Count > 0)
        {
            specification["ModelMetrics"] = metrics;
        }

        if (SourceCommit is not null)
        {
            specification["MetadataProperties"] = new JsonObject { ["CommitId"] = SourceCommit, ["Repository"] = SourceRepository };
        }

        return new CreateModelPackageRequest(Group)
        {
            Description = Description,
            ModelApprovalStatus = ApprovalStatus,
            CustomerMetadataProperties = CustomerMetadata,
            Specification = specification,
        };
    }

    private static JsonObject Report(string uri) => new() { ["ContentType"] = "application/json", ["S3Uri"] = uri };
}
