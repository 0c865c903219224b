using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Local;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// The monitors' events for one bed's deployment, in the shapes of the real samples: SageMaker pipeline
/// execution and step status changes (camelCase detail, pipeline and execution ARNs in resources), CloudTrail
/// calls via EventBridge (the deployment pipeline's role creating model, endpoint config and endpoint), and
/// Config rule compliance changes on the endpoint. Times are offsets from <paramref name="start"/> so two beds
/// get the same content apart from their names.
/// </summary>
internal sealed class StormEvents(DateTimeOffset start, string account, string region = "us-east-1")
{
    public const string Rule = "sagemaker-endpoint-configuration-kms-key-configured";

    public string DeploymentRole => $"arn:aws:iam::{account}:role/DeploymentPipeline";

    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public StormEvent PipelineExecution(string name, string executionArn, string status, string? previous, int minute)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var detail = new JsonObject
        {
            ["currentPipelineExecutionStatus"] = status,
            ["executionStartTime"] = Time(start),
            ["pipelineArn"] = pipelineArn,
            ["pipelineExecutionArn"] = executionArn,
        };
        if (previous is not null)
        {
            detail["previousPipelineExecutionStatus"] = previous;
        }

        if (status is "Succeeded" or "Failed" or "Stopped")
        {
            detail["executionEndTime"] = Time(start.AddMinutes(minute));
        }

        return Envelope(name, "SageMaker Model Building Pipeline Execution Status Change", "aws.sagemaker", minute, [pipelineArn, executionArn], detail);
    }

    public StormEvent PipelineStep(string name, string executionArn, string step, string status, string? previous, int minute)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var detail = new JsonObject
        {
            ["stepStartTime"] = Time(start.AddMinutes(1)),
            ["stepName"] = step,
            ["stepType"] = "Processing",
            ["currentStepStatus"] = status,
            ["pipelineArn"] = pipelineArn,
            ["pipelineExecutionArn"] = executionArn,
        };
        if (previous is not null)
        {
            detail["previousStepStatus"] = previous;
        }

        if (status == "Succeeded")
        {
            detail["stepEndTime"] = Time(start.AddMinutes(minute));
        }

        return Envelope(name, "SageMaker Model Building Pipeline Execution Step Status Change", "aws.sagemaker", minute, [pipelineArn, executionArn], detail);
    }

    public StormEvent CreateModel(string name, string model, string packageArn, int minute) => CloudTrail(
        name, "CreateModel", minute,
        new JsonObject
        {
            ["modelName"] = model,
            ["primaryContainer"] = new JsonObject { ["modelPackageName"] = packageArn },
            ["executionRoleArn"] = $"arn:aws:iam::{account}:role/SageMakerExecution",
            ["enableNetworkIsolation"] = true,
        },
        new JsonObject { ["modelArn"] = $"arn:aws:sagemaker:{region}:{account}:model/{model}" });

    public StormEvent CreateEndpointConfig(string name, string config, string model, int minute) => CloudTrail(
        name, "CreateEndpointConfig", minute,
        new JsonObject
        {
            ["endpointConfigName"] = config,
            ["productionVariants"] = new JsonArray(new JsonObject
            {
                ["variantName"] = "AllTraffic",
                ["modelName"] = model,
                ["initialInstanceCount"] = 1,
                ["instanceType"] = "ml.m5.large",
            }),
        },
        new JsonObject { ["endpointConfigArn"] = $"arn:aws:sagemaker:{region}:{account}:endpoint-config/{config}" });

    public StormEvent CreateEndpoint(string name, string endpoint, string config, int minute) => CloudTrail(
        name, "CreateEndpoint", minute,
        new JsonObject { ["endpointName"] = endpoint, ["endpointConfigName"] = config },
        new JsonObject { ["endpointArn"] = $"arn:aws:sagemaker:{region}:{account}:endpoint/{endpoint}" });

    public StormEvent Compliance(string name, string endpoint, string complianceType, string? annotation, int minute)
    {
        var evaluated = start.AddMinutes(minute).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var result = new JsonObject
        {
            ["evaluationResultIdentifier"] = new JsonObject
            {
                ["evaluationResultQualifier"] = new JsonObject
                {
                    ["configRuleName"] = Rule,
                    ["resourceType"] = "AWS::SageMaker::Endpoint",
                    ["resourceId"] = endpoint,
                    ["evaluationMode"] = "DETECTIVE",
                },
                ["orderingTimestamp"] = evaluated,
            },
            ["complianceType"] = complianceType,
            ["resultRecordedTime"] = evaluated,
            ["configRuleInvokedTime"] = evaluated,
        };
        if (annotation is not null)
        {
            result["annotation"] = annotation;
        }

        var detail = new JsonObject
        {
            ["resourceId"] = endpoint,
            ["awsRegion"] = region,
            ["awsAccountId"] = account,
            ["configRuleName"] = Rule,
            ["recordVersion"] = "1.0",
            ["configRuleARN"] = $"arn:aws:config:{region}:{account}:config-rule/config-rule-kms01x",
            ["messageType"] = "ComplianceChangeNotification",
            ["newEvaluationResult"] = result,
            ["notificationCreationTime"] = evaluated,
            ["resourceType"] = "AWS::SageMaker::Endpoint",
        };
        return Envelope(name, "Config Rules Compliance Change", "aws.config", minute, [], detail);
    }

    private StormEvent CloudTrail(string name, string eventName, int minute, JsonObject request, JsonObject response) =>
        new(name, CloudTrailCalls.Bytes(CloudTrailCalls.SageMakerCall(
            account, region, eventName, start.AddMinutes(minute), $"arn:aws:sts::{account}:assumed-role/DeploymentPipeline/codepipeline-deploy", request, response)));

    private StormEvent Envelope(string name, string detailType, string source, int minute, string[] resources, JsonObject detail)
    {
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = account,
            ["time"] = Time(start.AddMinutes(minute)),
            ["region"] = region,
            ["resources"] = new JsonArray([.. resources.Select(resource => (JsonNode?)resource)]),
            ["detail"] = detail,
        };
        return new StormEvent(name, System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }
}
