using System.Text.Json.Nodes;
using CoreModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Aws.SageMaker;

/// <summary>
/// CreateModelPackage for a versioned package in a group. The members the service sets itself are typed;
/// everything else (InferenceSpecification, ModelMetrics, DriftCheckBaselines, MetadataProperties,
/// AdditionalInferenceSpecifications, …) travels as JSON in <see cref="Specification"/>.
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

    /// <summary>
    /// The pass-through members a copy of a package carries (<see cref="CopyOf"/>): all but ValidationSpecification,
    /// whose validation role and transform inputs belong to the source account and cannot run in another.
    /// </summary>
    public static IReadOnlyList<string> CopiedMembers { get; } = [.. PassThroughMembers.Where(member => member != "ValidationSpecification")];

    /// <summary>
    /// A request that recreates <paramref name="source"/> in <paramref name="targetGroupName"/>: its specification,
    /// description and customer metadata, with every string value found in <paramref name="replacements"/> replaced
    /// (e.g. an artifact's URI by its copy's, an image by the image pinned by digest).
    /// </summary>
    public static CreateModelPackageRequest CopyOf(CoreModelPackage source, string targetGroupName, IReadOnlyDictionary<string, string>? replacements = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var specification = PackageSpecificationWriter.Write(source);
        return new CreateModelPackageRequest(targetGroupName)
        {
            Description = source.Description,
            CustomerMetadataProperties = source.CustomerMetadata,
            Specification = replacements is null ? specification : (JsonObject)Replace(specification, replacements)!,
        };
    }

    private static JsonNode? Replace(JsonNode? node, IReadOnlyDictionary<string, string> replacements) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(member => KeyValuePair.Create(member.Key, Replace(member.Value, replacements)))),
        JsonArray array => new JsonArray([.. array.Select(item => Replace(item, replacements))]),
        JsonValue value when value.TryGetValue<string>(out var text) && replacements.TryGetValue(text, out var replacement) => JsonValue.Create(replacement),
        _ => node?.DeepClone(),
    };
}
