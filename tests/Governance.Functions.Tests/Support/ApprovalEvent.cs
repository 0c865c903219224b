using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.SageMaker;

namespace Governance.Functions.Tests.Support;

/// <summary>
/// The "SageMaker Model Package State Change" event AWS emits on an approval change, built from the package as
/// DescribeModelPackage returns it (PascalCase detail, ISO times, the package's tags in detail.Tags).
/// </summary>
internal static class ApprovalEvent
{
    private static readonly string[] TimeMembers = ["CreationTime", "LastModifiedTime"];

    /// <summary>
    /// Sets the package's approval status in the registry, as the risk manager's decision that the event reports does
    /// (the flows re-read it). moto's UpdateModelPackage drops customer metadata it is not given: it is restated.
    /// </summary>
    public static async Task DecideAsync(ISageMakerClient sageMaker, string packageArn, string status)
    {
        var before = await sageMaker.DescribeModelPackageAsync(packageArn, CancellationToken.None);
        await sageMaker.UpdateModelPackageAsync(
            new UpdateModelPackageRequest(packageArn) { ModelApprovalStatus = status, CustomerMetadataProperties = before.CustomerMetadata }, CancellationToken.None);
    }

    public static byte[] Build(JsonElement described, string eventId, string status, IReadOnlyDictionary<string, string> tags, string? approver = null)
    {
        var arn = described.GetProperty("ModelPackageArn").GetString()!;
        var parts = arn.Split(':');
        var detail = new JsonObject();
        foreach (var member in described.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null || member.Name == "ResponseMetadata")
            {
                continue;
            }

            detail[member.Name] = TimeMembers.Contains(member.Name) && member.Value.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(member.Value.GetDouble() * 1000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
                : JsonNode.Parse(member.Value.GetRawText());
        }

        detail["ModelApprovalStatus"] = status;
        if (approver is not null)
        {
            detail["LastModifiedBy"] = new JsonObject { ["IamIdentity"] = new JsonObject { ["Arn"] = approver } };
        }

        detail["Tags"] = new JsonObject([.. tags.Select(tag => KeyValuePair.Create(tag.Key, (JsonNode?)tag.Value))]);
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = eventId,
            ["detail-type"] = "SageMaker Model Package State Change",
            ["source"] = "aws.sagemaker",
            ["account"] = parts[4],
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["region"] = parts[3],
            ["resources"] = new JsonArray(arn),
            ["detail"] = detail,
        };
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
