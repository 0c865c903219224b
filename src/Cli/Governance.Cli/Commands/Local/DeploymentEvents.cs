using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// The events AWS emits around a deployment, built from what the emulator holds: a SageMaker pipeline execution's
/// status change, and AWS Config's compliance change for a rule evaluated on an endpoint.
/// </summary>
public static class DeploymentEvents
{
    public const string KmsRule = "sagemaker-endpoint-configuration-kms-key-configured";

    /// <summary>"SageMaker Model Building Pipeline Execution Status Change": camelCase detail, pipeline and execution in resources.</summary>
    public static JsonObject PipelineStatus(string executionArn, string status, DateTimeOffset startedAt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var parts = executionArn.Split(':');
        return Envelope("SageMaker Model Building Pipeline Execution Status Change", "aws.sagemaker", parts[4], parts[3], at, new JsonArray(pipelineArn, executionArn), new JsonObject
        {
            ["currentPipelineExecutionStatus"] = status,
            ["previousPipelineExecutionStatus"] = "Executing",
            ["executionStartTime"] = Iso(startedAt),
            ["executionEndTime"] = Iso(at),
            ["pipelineArn"] = pipelineArn,
            ["pipelineExecutionArn"] = executionArn,
        });
    }

    /// <summary>"Config Rules Compliance Change" of a SageMaker endpoint (no resources; the resource by type and id).</summary>
    public static JsonObject ConfigCompliance(string account, string region, string endpointName, bool compliant, string? annotation, DateTimeOffset at)
    {
        var qualifier = new JsonObject
        {
            ["configRuleName"] = KmsRule,
            ["resourceType"] = "AWS::SageMaker::Endpoint",
            ["resourceId"] = endpointName,
            ["evaluationMode"] = "DETECTIVE",
        };
        var result = new JsonObject
        {
            ["evaluationResultIdentifier"] = new JsonObject { ["evaluationResultQualifier"] = qualifier, ["orderingTimestamp"] = Iso(at) },
            ["complianceType"] = compliant ? "COMPLIANT" : "NON_COMPLIANT",
            ["resultRecordedTime"] = Iso(at),
            ["configRuleInvokedTime"] = Iso(at.AddSeconds(-1)),
        };
        if (annotation is not null)
        {
            result["annotation"] = annotation;
        }

        return Envelope("Config Rules Compliance Change", "aws.config", account, region, at, [], new JsonObject
        {
            ["resourceId"] = endpointName,
            ["awsRegion"] = region,
            ["awsAccountId"] = account,
            ["configRuleName"] = KmsRule,
            ["recordVersion"] = "1.0",
            ["configRuleARN"] = $"arn:aws:config:{region}:{account}:config-rule/config-rule-kms-endpoint",
            ["messageType"] = "ComplianceChangeNotification",
            ["newEvaluationResult"] = result,
            ["notificationCreationTime"] = Iso(at),
            ["resourceType"] = "AWS::SageMaker::Endpoint",
        });
    }

    /// <summary>A SageMaker request as CloudTrail records it in <c>requestParameters</c>: the same members, camelCase.</summary>
    public static JsonNode? CamelCase(JsonNode? node) => node switch
    {
        JsonObject members => new JsonObject(members.Select(member => KeyValuePair.Create(Camel(member.Key), CamelCase(member.Value)))),
        JsonArray items => new JsonArray([.. items.Select(CamelCase)]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>A time as SageMaker's JSON protocol returns it (seconds since the epoch).</summary>
    public static DateTimeOffset EpochTime(JsonElement value) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000));

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static JsonObject Envelope(string detailType, string source, string account, string region, DateTimeOffset at, JsonArray resources, JsonObject detail) => new()
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = account,
        ["time"] = Iso(at),
        ["region"] = region,
        ["resources"] = resources,
        ["detail"] = detail,
    };

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
