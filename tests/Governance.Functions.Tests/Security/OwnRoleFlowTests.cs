using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Lineage;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Local;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// Every function, acting only with the role its template policies grant (on moto with IAM enforced), does its
/// whole job: RegistrySync reads the team package through the team's reader role and copies, registers and
/// notifies centrally; DeploymentTrigger starts the pipeline; the monitors write the ledger and notify; the
/// lineage API reads. None of their log lines carries a credential of the run.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(IamMotoGroup.Name)]
public sealed class OwnRoleFlowTests(IamMoto iam)
{
    [Fact]
    public async Task ModelLifecycle_WithEachFunctionsOwnTemplateRole_ShouldSucceedEndToEndWithoutSecretsInLogs()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var source = await bed.TeamPackageAsync();

        var (sync, _) = await bed.FunctionAsync(HandlerNames.RegistrySync);
        var synced = await InvokeAsync(sync, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));
        Assert.Equal("processed", synced.GetProperty("outcome").GetString());
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        Assert.Equal(3, (await bed.CentralObjectKeysAsync()).Count);
        Assert.Equal(["model.submitted"], await bed.NotificationTypesAsync());

        var (trigger, _) = await bed.FunctionAsync(HandlerNames.DeploymentTrigger);
        var triggered = await InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"));
        Assert.Equal("processed", triggered.GetProperty("outcome").GetString());
        Assert.Equal(["deployment.started"], await bed.NotificationTypesAsync());
        var executions = await bed.AdminLedger().GetNeighboursAsync(
            new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        var execution = Assert.Single(executions.Items).To.Id;
        Assert.Contains(bed.Pipeline, execution, StringComparison.Ordinal);

        var (monitor, _) = await bed.FunctionAsync(HandlerNames.PipelineMonitor);
        var monitored = await InvokeAsync(monitor, HandlerNames.PipelineMonitor, SecurityEvents.PipelineStatus(execution, "Succeeded"));
        Assert.Equal("processed", monitored.GetProperty("outcome").GetString());
        Assert.Equal(["deployment.succeeded"], await bed.NotificationTypesAsync());

        var (api, _) = await bed.FunctionAsync(HandlerNames.LineageApi);
        var lineage = await InvokeApiAsync(api, $"/models/{bed.TeamGroup}/versions/1");
        Assert.Equal(200, lineage.GetProperty("statusCode").GetInt32());
        Assert.Contains(bed.Pipeline, lineage.GetProperty("body").GetString(), StringComparison.Ordinal);

        SecretScan.AssertClean(bed.LogLines, bed.Secrets);
    }

    [Fact]
    public async Task ComplianceAndAuditMonitors_WithTheirOwnTemplateRoles_ShouldRecordInTheLedger()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var (compliance, _) = await bed.FunctionAsync(HandlerNames.ComplianceMonitor);
        var (audit, _) = await bed.FunctionAsync(HandlerNames.AuditTrail);

        var violation = await InvokeAsync(compliance, HandlerNames.ComplianceMonitor, SecurityEvents.ConfigNonCompliant(SecureBed.TeamAccount, "credit-endpoint"));
        var call = await InvokeAsync(audit, HandlerNames.AuditTrail, SecurityEvents.CreateEndpointCall(SecureBed.TeamAccount, "credit-endpoint"));

        Assert.Equal("processed", violation.GetProperty("outcome").GetString());
        Assert.Equal("processed", call.GetProperty("outcome").GetString());
        var (api, _) = await bed.FunctionAsync(HandlerNames.LineageApi);
        var endpoint = await InvokeApiAsync(api, "/endpoints/credit-endpoint", ("account", SecureBed.TeamAccount));
        Assert.Equal(200, endpoint.GetProperty("statusCode").GetInt32());
        Assert.Contains("endpoint-config/credit-endpoint-config-1", endpoint.GetProperty("body").GetString(), StringComparison.Ordinal);
        var violations = await InvokeApiAsync(api, "/violations");
        Assert.Equal(200, violations.GetProperty("statusCode").GetInt32());
        Assert.Contains("sagemaker-endpoint-kms", violations.GetProperty("body").GetString(), StringComparison.Ordinal);
        SecretScan.AssertClean(bed.LogLines, bed.Secrets);
    }

    internal static async Task<JsonElement> InvokeAsync(Hosting.IFunctionHandler function, string handler, byte[] payload)
    {
        var response = await function.HandleAsync(payload, TestFunctions.Context(handler), CancellationToken.None);
        using var document = JsonDocument.Parse(response);
        return document.RootElement.Clone();
    }

    internal static Task<JsonElement> InvokeApiAsync(Hosting.IFunctionHandler function, string path, params (string Key, string Value)[] query) =>
        InvokeAsync(function, HandlerNames.LineageApi,
            LineageApiHarness.Event("GET", path, LineageApiHarness.RiskManager, query.Length == 0 ? null : query.ToDictionary(pair => pair.Key, pair => pair.Value)));
}

/// <summary>Events as AWS sends them, for the security bed's resources.</summary>
internal static class SecurityEvents
{
    public static byte[] PipelineStatus(string executionArn, string status)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        return Json($$$$"""
            {"version":"0","id":"{{{{Guid.NewGuid()}}}}","detail-type":"SageMaker Model Building Pipeline Execution Status Change","source":"aws.sagemaker",
             "account":"{{{{executionArn.Split(':')[4]}}}}","time":"{{{{Now()}}}}","region":"us-east-1","resources":["{{{{pipelineArn}}}}","{{{{executionArn}}}}"],
             "detail":{"currentPipelineExecutionStatus":"{{{{status}}}}","previousPipelineExecutionStatus":"Executing","executionStartTime":"{{{{Now()}}}}",
                       "executionEndTime":"{{{{Now()}}}}","pipelineArn":"{{{{pipelineArn}}}}","pipelineExecutionArn":"{{{{executionArn}}}}"}}
            """);
    }

    public static byte[] ConfigNonCompliant(string account, string endpoint) => Json($$$$"""
        {"version":"0","id":"{{{{Guid.NewGuid()}}}}","detail-type":"Config Rules Compliance Change","source":"aws.config","account":"{{{{account}}}}",
         "time":"{{{{Now()}}}}","region":"us-east-1","resources":[],
         "detail":{"resourceId":"{{{{endpoint}}}}","awsRegion":"us-east-1","awsAccountId":"{{{{account}}}}","configRuleName":"sagemaker-endpoint-kms",
                   "recordVersion":"1.0","configRuleARN":"arn:aws:config:us-east-1:{{{{account}}}}:config-rule/config-rule-kms01x",
                   "messageType":"ComplianceChangeNotification","resourceType":"AWS::SageMaker::Endpoint",
                   "notificationCreationTime":"{{{{Now()}}}}",
                   "newEvaluationResult":{"evaluationResultIdentifier":{"evaluationResultQualifier":{"configRuleName":"sagemaker-endpoint-kms",
                       "resourceType":"AWS::SageMaker::Endpoint","resourceId":"{{{{endpoint}}}}","evaluationMode":"DETECTIVE"},"orderingTimestamp":"{{{{Now()}}}}"},
                     "complianceType":"NON_COMPLIANT","resultRecordedTime":"{{{{Now()}}}}","configRuleInvokedTime":"{{{{Now()}}}}","annotation":"no KMS key"}}}
        """);

    public static byte[] CreateEndpointCall(string account, string endpoint) => CloudTrailCalls.Bytes(CloudTrailCalls.SageMakerCall(
        account,
        "us-east-1",
        "CreateEndpoint",
        DateTimeOffset.UtcNow,
        $"arn:aws:sts::{account}:assumed-role/DeploymentPipeline/deploy",
        new JsonObject { ["endpointName"] = endpoint, ["endpointConfigName"] = endpoint + "-config-1" },
        new JsonObject { ["endpointArn"] = $"arn:aws:sagemaker:us-east-1:{account}:endpoint/{endpoint}" }));

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
