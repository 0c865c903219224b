using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace Governance.Core.Registry;

/// <summary>
/// Builds a <see cref="ModelPackage"/> from a DescribeModelPackage response (or an EventBridge
/// "SageMaker Model Package State Change" detail, which has the same shape). Absent, null or oddly typed
/// members are treated as absent; only a missing or malformed <c>ModelPackageArn</c> is an error.
/// </summary>
public static class ModelPackageReader
{
    private static readonly (string Member, MetricSection Section)[] Sections =
    [
        ("ModelQuality", MetricSection.ModelQuality),
        ("ModelDataQuality", MetricSection.ModelDataQuality),
        ("Bias", MetricSection.Bias),
        ("Explainability", MetricSection.Explainability),
    ];

    /// <param name="document">The DescribeModelPackage response.</param>
    /// <param name="tags">The package's tags from ListTags; they win over any <c>Tags</c> member in the document.</param>
    public static ModelPackage Read(JsonElement document, IEnumerable<KeyValuePair<string, string>>? tags = null)
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

        var images = new List<ContainerImage>();
        var artifacts = new List<ArtifactReference>();
        ReadInferenceSpecification(document, "InferenceSpecification", "$.InferenceSpecification", images, artifacts);
        if (Member(document, "AdditionalInferenceSpecifications") is { ValueKind: JsonValueKind.Array } additional)
        {
            var index = 0;
            foreach (var specification in additional.EnumerateArray())
            {
                ReadContainers(specification, $"$.AdditionalInferenceSpecifications[{index}]", images, artifacts);
                index++;
            }
        }

        ReadSourceAlgorithms(document, artifacts);
        AddUri(artifacts, ArtifactRole.SamplePayload, String(document, "SamplePayloadUrl"), "$.SamplePayloadUrl");
        var sections = ReadReports(document, "ModelMetrics", ArtifactRole.ModelMetrics, artifacts);
        ReadReports(document, "DriftCheckBaselines", ArtifactRole.DriftCheckBaseline, artifacts);

        var clone = document.Clone();
        return new ModelPackage(
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
            images.AsReadOnly(),
            artifacts.AsReadOnly(),
            sections.AsReadOnly(),
            StringMap(Member(document, "CustomerMetadataProperties")),
            ReadMetadata(document),
            String(document, "SourceUri"),
            MergeTags(Member(document, "Tags"), tags),
            clone);
    }

    private static void ReadInferenceSpecification(JsonElement document, string member, string path, List<ContainerImage> images, List<ArtifactReference> artifacts)
    {
        if (Member(document, member) is { ValueKind: JsonValueKind.Object } specification)
        {
            ReadContainers(specification, path, images, artifacts);
        }
    }

    private static void ReadContainers(JsonElement specification, string path, List<ContainerImage> images, List<ArtifactReference> artifacts)
    {
        if (Member(specification, "Containers") is not { ValueKind: JsonValueKind.Array } containers)
        {
            return;
        }

        var index = 0;
        foreach (var container in containers.EnumerateArray())
        {
            var containerPath = $"{path}.Containers[{index}]";
            index++;
            if (container.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (String(container, "Image") is { Length: > 0 } image)
            {
                images.Add(ContainerImage.Parse(image, String(container, "ImageDigest"), containerPath + ".Image"));
            }

            ReadModelData(container, containerPath, artifacts);
            if (Member(container, "AdditionalModelDataSources") is { ValueKind: JsonValueKind.Array } sources)
            {
                var sourceIndex = 0;
                foreach (var source in sources.EnumerateArray())
                {
                    AddUri(artifacts, ArtifactRole.AdditionalModelData, String(Member(source, "S3DataSource"), "S3Uri"),
                        $"{containerPath}.AdditionalModelDataSources[{sourceIndex}].S3DataSource.S3Uri");
                    sourceIndex++;
                }
            }

            AddUri(artifacts, ArtifactRole.AdditionalModelData, String(Member(container, "AdditionalS3DataSource"), "S3Uri"),
                containerPath + ".AdditionalS3DataSource.S3Uri");
        }
    }

    private static void ReadModelData(JsonElement owner, string path, List<ArtifactReference> artifacts)
    {
        AddUri(artifacts, ArtifactRole.ModelData, String(owner, "ModelDataUrl"), path + ".ModelDataUrl");
        var s3 = Member(Member(owner, "ModelDataSource"), "S3DataSource");
        AddUri(artifacts, ArtifactRole.ModelData, String(s3, "S3Uri"), path + ".ModelDataSource.S3DataSource.S3Uri");
        AddUri(artifacts, ArtifactRole.ModelData, String(s3, "ManifestS3Uri"), path + ".ModelDataSource.S3DataSource.ManifestS3Uri");
    }

    private static void ReadSourceAlgorithms(JsonElement document, List<ArtifactReference> artifacts)
    {
        if (Member(Member(document, "SourceAlgorithmSpecification"), "SourceAlgorithms") is not { ValueKind: JsonValueKind.Array } algorithms)
        {
            return;
        }

        var index = 0;
        foreach (var algorithm in algorithms.EnumerateArray())
        {
            ReadModelData(algorithm, $"$.SourceAlgorithmSpecification.SourceAlgorithms[{index}]", artifacts);
            index++;
        }
    }

    private static List<MetricSection> ReadReports(JsonElement document, string member, ArtifactRole role, List<ArtifactReference> artifacts)
    {
        var present = new List<MetricSection>();
        if (Member(document, member) is not { ValueKind: JsonValueKind.Object } reports)
        {
            return present;
        }

        foreach (var (sectionName, section) in Sections)
        {
            if (Member(reports, sectionName) is not { ValueKind: JsonValueKind.Object } sectionElement)
            {
                continue;
            }

            var found = false;
            foreach (var report in sectionElement.EnumerateObject())
            {
                var uri = String(report.Value, "S3Uri");
                if (string.IsNullOrWhiteSpace(uri))
                {
                    continue;
                }

                found = true;
                artifacts.Add(new ArtifactReference(
                    role,
                    uri,
                    S3Location.ParseOrNull(uri),
                    $"$.{member}.{sectionName}.{report.Name}.S3Uri",
                    section,
                    report.Name,
                    String(report.Value, "ContentType"),
                    String(report.Value, "ContentDigest")));
            }

            if (found)
            {
                present.Add(section);
            }
        }

        return present;
    }

    private static void AddUri(List<ArtifactReference> artifacts, ArtifactRole role, string? uri, string path)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return;
        }

        artifacts.Add(new ArtifactReference(role, uri, S3Location.ParseOrNull(uri), path, null, null, null, null));
    }

    private static UserContext? ReadUserContext(JsonElement document, string member)
    {
        if (Member(document, member) is not { ValueKind: JsonValueKind.Object } context)
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

    private static PackageMetadata ReadMetadata(JsonElement document)
    {
        var metadata = Member(document, "MetadataProperties");
        return metadata is { ValueKind: JsonValueKind.Object }
            ? new PackageMetadata(String(metadata, "CommitId"), String(metadata, "Repository"), String(metadata, "GeneratedBy"), String(metadata, "ProjectId"))
            : PackageMetadata.None;
    }

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

    private static ReadOnlyDictionary<string, string> StringMap(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    map[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return map.AsReadOnly();
    }

    private static JsonElement? Member(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null
            ? member
            : null;

    private static string? String(JsonElement? owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int? Integer(JsonElement owner, string name) => Member(owner, name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var value) && value % 1 == 0 && value is >= 0 and <= int.MaxValue => (int)value,
        { ValueKind: JsonValueKind.String } text when int.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    /// <summary>SageMaker responses give epoch seconds; events give ISO-8601 strings, sometimes with 9 fractional digits.</summary>
    private static DateTimeOffset? Timestamp(JsonElement owner, string name)
    {
        switch (Member(owner, name))
        {
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var seconds):
                return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            case { ValueKind: JsonValueKind.String } text:
                var value = text.GetString() ?? string.Empty;
                var dot = value.IndexOf('.', StringComparison.Ordinal);
                if (dot >= 0)
                {
                    var end = dot + 1;
                    while (end < value.Length && char.IsAsciiDigit(value[end]))
                    {
                        end++;
                    }

                    if (end - dot - 1 > 7)
                    {
                        value = value[..(dot + 8)] + value[end..];
                    }
                }

                return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }
}
