using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Secrets;

namespace Governance.Core.Monitors;

/// <summary>
/// What an audit record keeps of a call's request and response: only the members allowed for that call (names,
/// ARNs, images, artifact locations, statuses), never the rest — SageMaker does not mark container environments or
/// other members as sensitive, and the ledger cannot forget. Kept values are redacted (<see cref="SecretRedactor"/>)
/// before the record is hashed; ARNs are kept whole. A call without its own list keeps its top-level names, ARNs and
/// statuses. The result is a JSON object of member paths (<c>containers[0].image</c>) to their values.
/// </summary>
public static class AuditedFields
{
    private const int MaxValueLength = 1024;

    private static readonly string[] NoFields = [];

    // Structure and identities only: action configurations, build environment variables and stack parameters can hold secrets.
    private static readonly string[] PipelineDefinition =
        ["pipeline.name", "pipeline.roleArn", "pipeline.stages[].name", "pipeline.stages[].actions[].name",
         "pipeline.stages[].actions[].actionTypeId.category", "pipeline.stages[].actions[].actionTypeId.provider", "pipeline.stages[].actions[].roleArn"];

    private static readonly string[] BuildProject =
        ["name", "serviceRole", "source.type", "source.location", "environment.image", "environment.type", "environment.computeType"];

    // A tag's key names the tag; only its value can hold a secret.
    private const string TagKey = "tags[].key";

    private static readonly string[] StackChange = ["stackName", "templateURL", "roleARN", "capabilities[]", TagKey, "tags[].value"];

    private static readonly Dictionary<string, (string[] Request, string[] Response)> ByCall = new(StringComparer.Ordinal)
    {
        ["CreateModel"] = (
            ["modelName", "executionRoleArn", "enableNetworkIsolation",
             "primaryContainer.image", "primaryContainer.modelDataUrl", "primaryContainer.modelPackageName", "primaryContainer.mode",
             "containers[].image", "containers[].modelDataUrl", "containers[].modelPackageName", "containers[].mode"],
            ["modelArn"]),
        ["CreateEndpointConfig"] = (
            ["endpointConfigName", "kmsKeyId",
             "productionVariants[].variantName", "productionVariants[].modelName", "productionVariants[].instanceType",
             "productionVariants[].initialInstanceCount", "productionVariants[].initialVariantWeight"],
            ["endpointConfigArn"]),
        ["CreateEndpoint"] = (["endpointName", "endpointConfigName"], ["endpointArn"]),
        ["UpdateEndpoint"] = (["endpointName", "endpointConfigName", "retainAllVariantProperties"], ["endpointArn"]),
        ["DeleteEndpoint"] = (["endpointName"], NoFields),
        ["DeleteEndpointConfig"] = (["endpointConfigName"], NoFields),
        ["DeleteModel"] = (["modelName"], NoFields),
        ["CreateModelPackage"] = (
            ["modelPackageGroupName", "modelPackageName", "modelPackageDescription", "modelApprovalStatus", "sourceUri",
             "inferenceSpecification.containers[].image", "inferenceSpecification.containers[].imageDigest",
             "inferenceSpecification.containers[].modelDataUrl", "metadataProperties.generatedBy", "metadataProperties.projectId"],
            ["modelPackageArn"]),
        ["UpdateModelPackage"] = (["modelPackageArn", "modelApprovalStatus", "approvalDescription"], ["modelPackageArn"]),
        ["DeleteModelPackage"] = (["modelPackageName"], NoFields),
        ["CreateModelPackageGroup"] = (["modelPackageGroupName", "modelPackageGroupDescription"], ["modelPackageGroupArn"]),
        ["DeleteModelPackageGroup"] = (["modelPackageGroupName"], NoFields),
        ["CreatePipeline"] = (PipelineDefinition, ["pipeline.version"]),
        ["UpdatePipeline"] = (PipelineDefinition, ["pipeline.version"]),
        ["DeletePipeline"] = (["name"], NoFields),
        ["StartPipelineExecution"] = (["name"], ["pipelineExecutionId"]),
        ["StopPipelineExecution"] = (["pipelineName", "pipelineExecutionId", "abandon", "reason"], NoFields),
        ["PutApprovalResult"] = (["pipelineName", "stageName", "actionName", "result.status", "result.summary"], ["approvedAt"]),
        ["CreateProject"] = (BuildProject, ["project.arn"]),
        ["UpdateProject"] = (BuildProject, ["project.arn"]),
        ["DeleteProject"] = (["name"], NoFields),
        ["CreateStack"] = (StackChange, ["stackId"]),
        ["UpdateStack"] = (StackChange, ["stackId"]),
        ["DeleteStack"] = (["stackName", "roleARN"], NoFields),
        ["ExecuteChangeSet"] = (["stackName", "changeSetName"], NoFields),
        ["CreateNotebookInstance"] = (
            ["notebookInstanceName", "instanceType", "roleArn", "kmsKeyId", "directInternetAccess", "rootAccess", "subnetId"],
            ["notebookInstanceArn"]),
    };

    /// <summary>The kept request members, or null when none are kept.</summary>
    public static string? Request(CloudTrailApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Keep(call.RequestParameters, ByCall.TryGetValue(call.EventName, out var fields) ? fields.Request : null);
    }

    /// <summary>The kept response members, or null when none are kept.</summary>
    public static string? Response(CloudTrailApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Keep(call.ResponseElements, ByCall.TryGetValue(call.EventName, out var fields) ? fields.Response : null);
    }

    /// <summary>Free text of a call (an error message, a description), redacted.</summary>
    public static string? Text(string? value) => value is null ? null : Redact("text", value);

    private static string? Keep(JsonElement? element, string[]? allowed)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var kept = new List<(string Path, string Value)>();
        Collect(value, string.Empty, string.Empty, allowed, kept);
        if (kept.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (path, text) in kept)
            {
                writer.WriteString(path, text);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // path is what is stored (containers[0].image), pattern what the allow-list names (containers[].image).
    private static void Collect(JsonElement element, string path, string pattern, string[]? allowed, List<(string, string)> kept)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when allowed is not null || path.Length == 0:
                foreach (var member in element.EnumerateObject())
                {
                    var separator = path.Length == 0 ? string.Empty : ".";
                    Collect(member.Value, path + separator + member.Name, pattern + separator + member.Name, allowed, kept);
                }

                break;
            case JsonValueKind.Array when allowed is not null:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", pattern + "[]", allowed, kept);
                    index++;
                }

                break;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                when allowed is null ? IsIdentifying(pattern) : allowed.Contains(pattern, StringComparer.Ordinal):
                var text = element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();
                kept.Add((path, Redact(pattern, text)));
                break;
        }
    }

    // Without a list of its own, a call keeps its top-level names, ARNs and statuses (bucketName, roleName, policyArn).
    private static bool IsIdentifying(string member) =>
        member.EndsWith("Name", StringComparison.Ordinal) || member.EndsWith("Arn", StringComparison.Ordinal)
        || member.EndsWith("Status", StringComparison.Ordinal);

    private static string Redact(string pattern, string value)
    {
        if (Arn.TryParse(value, out _))
        {
            return value;
        }

        var member = pattern[(pattern.LastIndexOf('.') + 1)..].Replace("[]", string.Empty, StringComparison.Ordinal);
        if (SecretRedactor.IsSensitiveKey(member) && pattern != TagKey)
        {
            return SecretRedactor.Redacted;
        }

        var scrubbed = SecretRedactor.Scrub(value);
        return scrubbed.Length <= MaxValueLength ? scrubbed : scrubbed[..MaxValueLength] + "...";
    }
}
