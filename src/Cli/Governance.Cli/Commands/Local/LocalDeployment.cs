using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Protocols;
using Governance.Aws.Sts;
using Governance.Handlers.Settings;
using Governance.Local;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// <c>governance local deploy|config-rule|update-endpoint</c>: what happens on the emulator after a central
/// approval, done there for real (SageMaker models, endpoint configurations, endpoints) and written as the events
/// AWS would emit about it (CloudTrail calls, the pipeline's status change, Config's finding).
/// </summary>
public sealed class LocalDeployment(AwsContext aws, LocalSettings local, LocalEventFiles events, TextWriter stdout) : IDisposable
{
    private const string DeployerRole = "DeploymentPipeline";
    private readonly RoleCredentialsCache _roles = new(aws.Sdk.Sts(), aws.Time);

    /// <summary>
    /// Every execution of the deployment pipeline not yet run here deploys the package it was started for into its
    /// source account (as the pipeline's DeploymentPipeline role: CreateModel, CreateEndpointConfig,
    /// CreateEndpoint) and ends with the status the emulator gives it (moto completes executions at once).
    /// Returns how many executions ran.
    /// </summary>
    public async Task<int> DeployAsync(CancellationToken cancellationToken)
    {
        var central = aws.JsonChannel(AwsService.SageMaker, aws.DefaultCredentials);
        var listed = await central.CallAsync("ListPipelineExecutions", new JsonObject { ["PipelineName"] = LocalAccounts.DeploymentPipeline }, cancellationToken);
        var deployed = 0;
        foreach (var execution in listed.GetProperty("PipelineExecutionSummaries").EnumerateArray())
        {
            var arn = execution.GetProperty("PipelineExecutionArn").GetString()!;
            if (LocalEventFiles.Finished(arn))
            {
                continue;
            }

            var parameters = await central.CallAsync("ListPipelineParametersForExecution", new JsonObject { ["PipelineExecutionArn"] = arn }, cancellationToken);
            var values = parameters.GetProperty("PipelineParameters").EnumerateArray()
                .ToDictionary(parameter => parameter.GetProperty("Name").GetString()!, parameter => parameter.GetProperty("Value").GetString()!, StringComparer.Ordinal);
            var package = values["ModelPackageArn"];
            var account = values.GetValueOrDefault("SourceAccount") ?? local[SettingNames.CentralAccount];
            await DeployPackageAsync(package, account, cancellationToken);
            var at = aws.Time.GetUtcNow().AddSeconds(3);
            var status = execution.GetProperty("PipelineExecutionStatus").GetString()!;
            var file = await events.WriteAsync(DeploymentEvents.PipelineStatus(arn, status, DeploymentEvents.EpochTime(execution.GetProperty("StartTime")), at), "pipeline-" + status, cancellationToken);
            LocalEventFiles.MarkFinished(arn);
            await stdout.WriteLineAsync($"pipeline execution {arn}: {status}; SageMaker's status change written to {file}");
            deployed++;
        }

        if (deployed == 0)
        {
            await stdout.WriteLineAsync($"no execution of {LocalAccounts.DeploymentPipeline} is left to run: approve a central package first ('governance local approve ARN', then replay)");
        }

        return deployed;
    }

    /// <summary>
    /// Evaluates the KMS rule on the endpoint as AWS Config would (its configuration names a KMS key, or not) and
    /// writes Config's compliance change.
    /// </summary>
    public async Task EvaluateAsync(string endpointName, CancellationToken cancellationToken)
    {
        var account = local["GOVERNANCE_LOCAL_TEAM_ACCOUNT"];
        var sageMaker = SageMakerAs(account, LocalAccounts.TeamAdminRole, "aws-config");
        var endpoint = await sageMaker.CallAsync("DescribeEndpoint", new JsonObject { ["EndpointName"] = endpointName }, cancellationToken);
        var configName = endpoint.GetProperty("EndpointConfigName").GetString()!;
        var config = await sageMaker.CallAsync("DescribeEndpointConfig", new JsonObject { ["EndpointConfigName"] = configName }, cancellationToken);
        var compliant = config.TryGetProperty("KmsKeyId", out var key) && key.ValueKind == JsonValueKind.String && key.GetString()!.Length > 0;
        var annotation = compliant ? null : $"Endpoint configuration {configName} does not specify a KmsKeyId for the ML storage volume.";
        var file = await events.WriteAsync(
            DeploymentEvents.ConfigCompliance(account, aws.Region, endpointName, compliant, annotation, aws.Time.GetUtcNow()), "config-" + endpointName, cancellationToken);
        await stdout.WriteLineAsync($"{DeploymentEvents.KmsRule} finds endpoint {endpointName} {(compliant ? "COMPLIANT" : "NON_COMPLIANT")}"
            + (annotation is null ? "" : $" ({annotation})") + $"; Config's event written to {file}");
    }

    /// <summary>
    /// A data scientist re-points the endpoint by hand, outside the deployment pipeline: a new endpoint
    /// configuration (created on the emulator) and the UpdateEndpoint call CloudTrail records.
    /// </summary>
    public async Task UpdateEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        var account = local["GOVERNANCE_LOCAL_TEAM_ACCOUNT"];
        var session = $"arn:aws:sts::{account}:assumed-role/{LocalAccounts.TeamApproverRole}/{LocalAccounts.TeamApproverSession}";
        var sageMaker = SageMakerAs(account, LocalAccounts.TeamApproverRole, LocalAccounts.TeamApproverSession);
        var endpoint = await sageMaker.CallAsync("DescribeEndpoint", new JsonObject { ["EndpointName"] = endpointName }, cancellationToken);
        var current = await sageMaker.CallAsync("DescribeEndpointConfig", new JsonObject { ["EndpointConfigName"] = endpoint.GetProperty("EndpointConfigName").GetString() }, cancellationToken);
        var variants = new JsonArray([.. current.GetProperty("ProductionVariants").EnumerateArray().Select(variant => (JsonNode)new JsonObject
        {
            ["VariantName"] = variant.GetProperty("VariantName").GetString(),
            ["ModelName"] = variant.GetProperty("ModelName").GetString(),
            ["InitialInstanceCount"] = 2,
            ["InstanceType"] = "ml.m5.xlarge",
        })]);
        var at = aws.Time.GetUtcNow();
        var config = await CallAsync(sageMaker, account, session, "CreateEndpointConfig", at,
            new JsonObject { ["EndpointConfigName"] = endpointName + "-manual", ["ProductionVariants"] = variants }, "EndpointConfigArn", cancellationToken);

        // moto has no UpdateEndpoint: the endpoint keeps its configuration there; CloudTrail's record of the call is what the service sees.
        var update = new JsonObject { ["EndpointName"] = endpointName, ["EndpointConfigName"] = endpointName + "-manual" };
        var response = new JsonObject { ["endpointArn"] = endpoint.GetProperty("EndpointArn").GetString() };
        var file = await events.WriteAsync(
            CloudTrailCalls.SageMakerCall(account, aws.Region, "UpdateEndpoint", at.AddSeconds(1), session, (JsonObject)DeploymentEvents.CamelCase(update)!, response), "UpdateEndpoint", cancellationToken);
        await stdout.WriteLineAsync($"{session} created {config} and updated endpoint {endpointName} by hand; CloudTrail's events written up to {file}");
    }

    public void Dispose() => _roles.Dispose();

    private async Task DeployPackageAsync(string package, string account, CancellationToken cancellationToken)
    {
        var (group, version) = (package.Split('/')[1], package.Split('/')[^1]);
        var session = $"arn:aws:sts::{account}:assumed-role/{DeployerRole}/deploy-{group}-{version}";
        var sageMaker = SageMakerAs(account, DeployerRole, $"deploy-{group}-{version}");
        var at = aws.Time.GetUtcNow();
        var model = $"{group}-{version}";
        var modelArn = await CallAsync(sageMaker, account, session, "CreateModel", at, new JsonObject
        {
            ["ModelName"] = model,
            ["PrimaryContainer"] = new JsonObject { ["ModelPackageName"] = package },
            ["ExecutionRoleArn"] = $"arn:aws:iam::{account}:role/SageMakerExecution",
        }, "ModelArn", cancellationToken);
        var configArn = await CallAsync(sageMaker, account, session, "CreateEndpointConfig", at.AddSeconds(1), new JsonObject
        {
            ["EndpointConfigName"] = model + "-config",
            ["ProductionVariants"] = new JsonArray(new JsonObject { ["VariantName"] = "AllTraffic", ["ModelName"] = model, ["InitialInstanceCount"] = 1, ["InstanceType"] = "ml.m5.large" }),
        }, "EndpointConfigArn", cancellationToken);
        var endpointArn = await CallAsync(sageMaker, account, session, "CreateEndpoint", at.AddSeconds(2),
            new JsonObject { ["EndpointName"] = group, ["EndpointConfigName"] = model + "-config" }, "EndpointArn", cancellationToken);
        await stdout.WriteLineAsync($"deployed {package} in account {account} as {session}: {modelArn}, {configArn}, {endpointArn}");
    }

    /// <summary>Makes the call on the emulator and writes the CloudTrail record of it (request and response camelCase, as CloudTrail has them).</summary>
    private async Task<string> CallAsync(
        AwsJsonChannel sageMaker, string account, string session, string operation, DateTimeOffset at, JsonObject request, string arnMember, CancellationToken cancellationToken)
    {
        var output = await sageMaker.CallAsync(operation, request, cancellationToken);
        var arn = output.GetProperty(arnMember).GetString()!;
        var response = new JsonObject { [char.ToLowerInvariant(arnMember[0]) + arnMember[1..]] = arn };
        await events.WriteAsync(
            CloudTrailCalls.SageMakerCall(account, aws.Region, operation, at, session, (JsonObject)DeploymentEvents.CamelCase(request)!, response), operation, cancellationToken);
        return arn;
    }

    private AwsJsonChannel SageMakerAs(string account, string role, string session) =>
        aws.JsonChannel(AwsService.SageMaker, _roles.SourceFor(new AssumeRoleSpec($"arn:aws:iam::{account}:role/{role}", session)));
}
