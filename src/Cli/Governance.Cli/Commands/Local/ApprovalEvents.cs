using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// The "SageMaker Model Package State Change" event SageMaker emits when a package's approval status changes,
/// built from the package as DescribeModelPackage returns it (AWS's shape: PascalCase detail, ISO times).
/// </summary>
public static class ApprovalEvents
{
    private static readonly string[] DetailMembers =
    [
        "ModelPackageGroupName", "ModelPackageVersion", "ModelPackageArn", "ModelPackageDescription", "CreationTime",
        "InferenceSpecification", "ModelPackageStatus", "ModelPackageStatusDetails", "CertifyForMarketplace",
        "ModelApprovalStatus", "ApprovalDescription", "CreatedBy", "LastModifiedBy", "LastModifiedTime",
        "MetadataProperties", "ModelMetrics", "CustomerMetadataProperties", "DriftCheckBaselines", "SourceUri",
    ];

    private static readonly string[] TimeMembers = ["CreationTime", "LastModifiedTime"];

    public static JsonObject Build(JsonElement describedPackage, string eventId, DateTimeOffset time, IReadOnlyDictionary<string, string> packageTags)
    {
        ArgumentNullException.ThrowIfNull(packageTags);
        var arn = describedPackage.GetProperty("ModelPackageArn").GetString()!;
        var parts = arn.Split(':');
        var detail = new JsonObject();
        foreach (var member in DetailMembers)
        {
            if (describedPackage.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                detail[member] = TimeMembers.Contains(member) && value.ValueKind == JsonValueKind.Number
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
                    : JsonNode.Parse(value.GetRawText());
            }
        }

        detail["Tags"] = new JsonObject([.. packageTags.Select(tag => KeyValuePair.Create(tag.Key, (JsonNode?)tag.Value))]);
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = eventId,
            ["detail-type"] = "SageMaker Model Package State Change",
            ["source"] = "aws.sagemaker",
            ["account"] = parts[4],
            ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["region"] = parts[3],
            ["resources"] = new JsonArray(arn),
            ["detail"] = detail,
        };
    }
}
