using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Aws.SageMaker;

/// <summary>
/// CreateModelPackage for a versioned package in a group. The members the service sets itself are typed;
/// everything else (InferenceSpecification, ModelMetrics, DriftCheckBaselines, MetadataProperties,
/// AdditionalInferenceSpecifications, …) travels as JSON in <see cref="Specification"/>, exactly as
/// DescribeModelPackage returned it.
/// </summary>
public sealed record CreateModelPackageRequest(string ModelPackageGroupName)
{
    /// <summary>
    /// The CreateModelPackage members that are copied from a described package as they are. Together with the
    /// typed members this covers every member DescribeModelPackage's output shares with CreateModelPackage's
    /// input (a contract test checks that against the service model).
    /// </summary>
    public static IReadOnlyList<string> PassThroughMembers { get; } =
    [
        "ModelPackageRegistrationType", "InferenceSpecification", "ValidationSpecification", "SourceAlgorithmSpecification",
        "CertifyForMarketplace", "MetadataProperties", "ModelMetrics", "Domain", "Task", "SamplePayloadUrl",
        "DriftCheckBaselines", "AdditionalInferenceSpecifications", "SkipModelValidation", "SourceUri", "SecurityConfig",
        "ModelCard", "ModelLifeCycle", "ManagedStorageType",
    ];

    public string? Description { get; init; }

    /// <summary>PendingManualApproval unless set.</summary>
    public string ModelApprovalStatus { get; init; } = "PendingManualApproval";

    /// <summary>Idempotency token, 1..36 of [a-zA-Z0-9-].</summary>
    public string? ClientToken { get; init; }

    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomerMetadataProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>The pass-through members (see <see cref="PassThroughMembers"/>); a fresh object is owned by this request.</summary>
    public JsonObject Specification { get; init; } = [];

    /// <summary>A request that recreates <paramref name="source"/> in <paramref name="targetGroupName"/>.</summary>
    public static CreateModelPackageRequest CopyOf(ModelPackage source, string targetGroupName)
    {
        ArgumentNullException.ThrowIfNull(source);
        var specification = new JsonObject();
        foreach (var member in PassThroughMembers)
        {
            if (source.Document.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                specification[member] = JsonNode.Parse(value.GetRawText());
            }
        }

        return new CreateModelPackageRequest(targetGroupName)
        {
            Description = source.Description,
            CustomerMetadataProperties = source.CustomerMetadata,
            Specification = specification,
        };
    }

    /// <summary>
    /// Points every container's model artifact (in InferenceSpecification and AdditionalInferenceSpecifications)
    /// at a new location, e.g. the artifact's copy in the central bucket. Returns how many were replaced.
    /// </summary>
    public int ReplaceModelDataUrls(Func<string, string> relocate)
    {
        ArgumentNullException.ThrowIfNull(relocate);
        var replaced = 0;
        foreach (var container in Containers())
        {
            if (container["ModelDataUrl"] is JsonValue url && url.TryGetValue<string>(out var current))
            {
                container["ModelDataUrl"] = relocate(current);
                replaced++;
            }

            if (container["ModelDataSource"]?["S3DataSource"] is JsonObject s3 && s3["S3Uri"] is JsonValue uri &&
                uri.TryGetValue<string>(out var source))
            {
                s3["S3Uri"] = relocate(source);
                replaced++;
            }
        }

        return replaced;
    }

    private IEnumerable<JsonObject> Containers()
    {
        var specifications = new List<JsonNode?> { Specification["InferenceSpecification"] };
        if (Specification["AdditionalInferenceSpecifications"] is JsonArray additional)
        {
            specifications.AddRange(additional);
        }

        return specifications
            .Select(s => s?["Containers"])
            .OfType<JsonArray>()
            .SelectMany(a => a)
            .OfType<JsonObject>();
    }
}
