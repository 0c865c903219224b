using System.Collections.ObjectModel;
using System.Text.Json;
using Governance.Core.Registry;
using static Governance.Aws.SageMaker.DescriptionJson;
using CoreModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Aws.SageMaker;

/// <summary>
/// Builds the domain's <see cref="CoreModelPackage"/> from a DescribeModelPackage response (or an EventBridge
/// "SageMaker Model Package State Change" detail, which has the same shape). Absent, null or oddly typed
/// members are treated as absent; only a missing or malformed <c>ModelPackageArn</c> is an error.
/// </summary>
public sealed class ModelPackageReader : IModelPackageReader
{
    public static ModelPackageReader Instance { get; } = new();

    CoreModelPackage IModelPackageReader.Read(JsonElement description, IReadOnlyDictionary<string, string> tags) => Read(description, tags);

    /// <param name="document">The DescribeModelPackage response.</param>
    /// <param name="tags">The package's tags from ListTags; they win over any <c>Tags</c> member in the document.</param>
    public static CoreModelPackage Read(JsonElement document, IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new ModelPackageFormatException(
                "A model package description must be a JSON object, not " + document.ValueKind.ToString().ToLowerInvariant() + ".");
        }

        var arnText = String(document, "ModelPackageArn");
        if (!ModelPackageArn.TryParse(arnText, out var arn) || arn is null)
        {
            throw new ModelPackageFormatException(arnText is null
                ? "The model package description has no ModelPackageArn."
                : "ModelPackageArn '" + arnText + "' is not a SageMaker model package ARN.");
        }

        var specification = PackageSpecificationReader.Read(document);
        var (images, artifacts) = PackageReferences.Of(specification);
        return new CoreModelPackage(
            arn,
            String(document, "ModelPackageGroupName") ?? arn.Name,
            Integer(document, "ModelPackageVersion") ?? arn.Version,
            String(document, "ModelPackageName"),
            String(document, "ModelPackageDescription"),
            String(document, "ModelApprovalStatus"),
            String(document, "ApprovalDescription"),
            Timestamp(document, "CreationTime"),
            Timestamp(document, "LastModifiedTime"),
            ReadUserContext(document, "CreatedBy"),
            ReadUserContext(document, "LastModifiedBy"),
            images,
            artifacts,
            [.. (specification.ModelMetrics ?? []).Select(report => report.Section).Distinct()],
            StringMap(Member(document, "CustomerMetadataProperties")),
            ReadMetadata(document),
            String(document, "SourceUri"),
            MergeTags(Member(document, "Tags"), tags),
            specification);
    }

    private static UserContext? ReadUserContext(JsonElement document, string member)
    {
        if (Object(document, member) is not { } context)
        {
            return null;
        }

        var iam = Member(context, "IamIdentity");
        var user = new UserContext(
            String(context, "UserProfileName"),
            String(context, "UserProfileArn"),
            String(context, "DomainId"),
            String(iam, "Arn"),
            String(iam, "PrincipalId"),
            String(iam, "SourceIdentity"));
        return user.DisplayName is null && user.UserProfileArn is null && user.DomainId is null ? null : user;
    }

    private static PackageMetadata ReadMetadata(JsonElement document) =>
        Object(document, "MetadataProperties") is { } metadata
            ? new PackageMetadata(String(metadata, "CommitId"), String(metadata, "Repository"), String(metadata, "GeneratedBy"), String(metadata, "ProjectId"))
            : PackageMetadata.None;

    private static ReadOnlyDictionary<string, string> MergeTags(JsonElement? documentTags, IEnumerable<KeyValuePair<string, string>>? tags)
    {
        var merged = new Dictionary<string, string>(StringMap(documentTags), StringComparer.Ordinal);
        if (documentTags is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (String(entry, "Key") is { } key)
                {
                    merged[key] = String(entry, "Value") ?? string.Empty;
                }
            }
        }

        foreach (var (key, value) in tags ?? [])
        {
            merged[key] = value;
        }

        return merged.AsReadOnly();
    }
}
