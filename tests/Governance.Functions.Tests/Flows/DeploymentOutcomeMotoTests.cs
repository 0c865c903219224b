using System.Globalization;
using System.Text;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;

namespace Governance.Functions.Tests.Flows;

/// <summary>
/// From team approval to a finished deployment on moto_server: the execution DeploymentTrigger started is
/// linked by PipelineMonitor when SageMaker reports its outcome, and the team hears about it once.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class DeploymentOutcomeMotoTests(MotoServer moto)
{
    [Fact]
    public async Task PipelineSucceeded_ForAnExecutionTheServiceStarted_ShouldBeLinkedRecordedAndNotifiedOnce()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var central = await RegistrySyncMotoTests.SyncAsync(bed);
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);
        await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"));
        await bed.NotificationsAsync();
        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        var execution = Assert.Single(executions.Items).To.Id;
        var (monitor, _) = bed.Function(HandlerNames.PipelineMonitor);
        var succeeded = PipelineStatusEvent(execution, "Succeeded");

        var result = await FlowBed.InvokeAsync(monitor, HandlerNames.PipelineMonitor, succeeded);
        var redelivered = await FlowBed.InvokeAsync(monitor, HandlerNames.PipelineMonitor, succeeded);

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        var sent = Assert.Single(result.GetProperty("effects").EnumerateArray(), effect => effect.GetProperty("type").GetString() == "notification.sent");
        Assert.Equal("deployment.succeeded", sent.GetProperty("eventType").GetString());
        Assert.Empty(redelivered.GetProperty("effects").EnumerateArray());
        Assert.Contains(redelivered.GetProperty("alreadyDone").EnumerateArray(), effect =>
            effect.GetProperty("type").GetString() == "notification.sent" && effect.GetProperty("messageId").GetString() == sent.GetProperty("messageId").GetString());
        var (eventType, body) = Assert.Single(await bed.NotificationsAsync());
        Assert.Equal("deployment.succeeded", eventType);
        Assert.Equal(central, body.GetProperty("modelPackageArn").GetString());
    }

    private static byte[] PipelineStatusEvent(string executionArn, string status)
    {
        var pipelineArn = executionArn[..executionArn.IndexOf("/execution/", StringComparison.Ordinal)];
        var account = executionArn.Split(':')[4];
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "0",
              "id": "{{Guid.NewGuid()}}",
              "detail-type": "SageMaker Model Building Pipeline Execution Status Change",
              "source": "aws.sagemaker",
              "account": "{{account}}",
              "time": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}",
              "region": "us-east-1",
              "resources": ["{{pipelineArn}}", "{{executionArn}}"],
              "detail": {
                "currentPipelineExecutionStatus": "{{status}}",
                "previousPipelineExecutionStatus": "Executing",
                "executionStartTime": "{{DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}}",
                "executionEndTime": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}",
                "pipelineArn": "{{pipelineArn}}",
                "pipelineExecutionArn": "{{executionArn}}"
              }
            }
            """));
    }
}
