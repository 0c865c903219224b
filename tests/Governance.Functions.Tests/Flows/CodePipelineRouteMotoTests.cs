using System.Globalization;
using System.Text;
using Governance.Aws;
using Governance.Aws.Adapters;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Signing;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Testing;
using Governance.Testing.CodePipeline;

namespace Governance.Functions.Tests.Flows;

/// <summary>
/// The CodePipeline route end to end: registries, ledger and SNS on moto_server, CodePipeline on a loopback
/// emulator (moto has no StartPipelineExecution). Central approval starts the routed pipeline once with the
/// package's variables; CodePipeline's own SUCCEEDED event closes the loop.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class CodePipelineRouteMotoTests(MotoServer moto)
{
    private static readonly ICredentialSource Credentials =
        new StaticCredentialSource(new SigningCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey));

    [Fact]
    public async Task CentralApproval_RoutedToCodePipeline_ShouldStartOnceWithVariablesAndNotifyOutcomeOnce()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var pipeline = "deploy-cp-" + bed.Team;
        await using var codePipeline = await LoopbackCodePipeline.StartAsync(pipeline);
        var central = await RegistrySyncMotoTests.SyncAsync(bed);
        var (trigger, _) = bed.Function(
            HandlerNames.DeploymentTrigger,
            new PortOverrides { Launcher = _ => new PipelineLauncher(bed.CentralSageMaker, LoopbackContext(codePipeline).CodePipeline(Credentials)) },
            settings: CodePipelineRouting(bed, pipeline));
        var approval = await bed.CentralDecisionAsync(central, "Approved");

        var first = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, approval);
        var redelivered = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, approval);

        Assert.Equal("processed", first.GetProperty("outcome").GetString());
        Assert.Equal("processed", redelivered.GetProperty("outcome").GetString());
        var started = Assert.Single(codePipeline.Started);
        Assert.Equal(pipeline, started.Pipeline);
        Assert.Equal(central, started.Variables["ModelPackageArn"]);
        Assert.Equal(FlowBed.TeamAccount, started.Variables["SourceAccount"]);
        Assert.Equal(bed.Team, started.Variables["Team"]);
        Assert.False(string.IsNullOrEmpty(started.ClientRequestToken));
        var executions = await bed.Ledger.GetNeighboursAsync(
            new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        Assert.Equal(started.ExecutionId, Assert.Single(executions.Items).To.Id);
        var (startedType, startedBody) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("deployment.started", startedType);
        Assert.Equal(started.ExecutionId, startedBody.GetProperty("details").GetProperty("executionId").GetString());

        var (monitor, _) = bed.Function(HandlerNames.PipelineMonitor);
        var succeeded = CodePipelineStateEvent(pipeline, started.ExecutionId, "SUCCEEDED");
        var outcome = await FlowBed.InvokeAsync(monitor, HandlerNames.PipelineMonitor, succeeded);
        await FlowBed.InvokeAsync(monitor, HandlerNames.PipelineMonitor, succeeded);

        Assert.Equal("processed", outcome.GetProperty("outcome").GetString());
        var (outcomeType, outcomeBody) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("deployment.succeeded", outcomeType);
        Assert.Equal(central, outcomeBody.GetProperty("modelPackageArn").GetString());
        Assert.Single(codePipeline.Started);
    }

    [Fact]
    public async Task CentralApproval_WhenRoutedPipelineDoesNotExist_ShouldFailWithTheReasonAndStartNothing()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        await using var codePipeline = await LoopbackCodePipeline.StartAsync("some-other-pipeline");
        var central = await RegistrySyncMotoTests.SyncAsync(bed);
        var (trigger, _) = bed.Function(
            HandlerNames.DeploymentTrigger,
            new PortOverrides { Launcher = _ => new PipelineLauncher(bed.CentralSageMaker, LoopbackContext(codePipeline).CodePipeline(Credentials)) },
            settings: CodePipelineRouting(bed, "missing-" + bed.Team));

        var error = await Record.ExceptionAsync(async () =>
            await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved")));

        Assert.Empty(codePipeline.Started);
        Assert.True(codePipeline.Calls >= 1);
        var reported = error?.Message ?? string.Empty;
        Assert.Contains("missing-" + bed.Team, reported, StringComparison.Ordinal);
        Assert.DoesNotContain(await bed.NotificationsAsync(), notification => notification.EventType == "deployment.started");
    }

    /// <summary>Settings whose routing sends every group to the CodePipeline <paramref name="pipeline"/>, with variables.</summary>
    private static Dictionary<string, string> CodePipelineRouting(FlowBed bed, string pipeline) => new(StringComparer.Ordinal)
    {
        [SettingNames.RoutingPath] = bed.ConfigFile(
            """{"version":1,"routes":[{"name":"codepipeline","match":{"groupPattern":"*"},"target":{"type":"codePipeline","pipelineName":""" + "\"" + pipeline + "\"" +
            ""","parameters":{"ModelPackageArn":"${modelPackageArn}","SourceAccount":"${sourceAccount}","Team":"${team}"}}}]}"""),
    };

    private static AwsContext LoopbackContext(LoopbackCodePipeline codePipeline) =>
        new(MotoServer.Region, new EndpointResolver(_ => codePipeline.Endpoint.ToString()), SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default);

    private static byte[] CodePipelineStateEvent(string pipeline, string executionId, string state) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "0",
              "id": "{{Guid.NewGuid()}}",
              "detail-type": "CodePipeline Pipeline Execution State Change",
              "source": "aws.codepipeline",
              "account": "{{FlowBed.CentralAccount}}",
              "time": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}",
              "region": "us-east-1",
              "resources": ["arn:aws:codepipeline:us-east-1:{{FlowBed.CentralAccount}}:{{pipeline}}"],
              "detail": {
                "pipeline": "{{pipeline}}",
                "execution-id": "{{executionId}}",
                "state": "{{state}}",
                "version": 1,
                "pipeline-execution-attempt": 1
              }
            }
            """));
}
