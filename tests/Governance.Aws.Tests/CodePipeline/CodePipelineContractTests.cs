using Governance.Aws.CodePipeline;
using Governance.Aws.Http;
using Governance.Aws.Tests.Contract;
using Governance.Aws.Tests.Http;
using Governance.Testing;

namespace Governance.Aws.Tests.CodePipeline;

/// <summary>
/// CodePipeline against a loopback server checked against the official CodePipeline model (moto lacks
/// StartPipelineExecution).
/// </summary>
public sealed class CodePipelineContractTests
{
    private const string ExecutionId = "3137f7cb-7cf7-4b5e-9b3d-1bd0c0d7c3a1";

    [SharedFact]
    public async Task StartPipelineExecution_WithVariablesAndToken_ShouldValidateAndReturnExecutionId()
    {
        await using var server = new ContractServer("codepipeline");
        var client = ContractClients.For(server).CodePipeline(ContractClients.Credentials);

        var id = await client.StartPipelineExecutionAsync(new CodePipelineStartRequest("deploy-churn", "0f8fad5b-d9cb-469f-a165-70867728950e")
        {
            Variables = [new PipelineVariable("ModelPackageArn", "arn:aws:sagemaker:eu-west-1:222222222222:model-package/churn/7"), new PipelineVariable("Stage", "prod")],
        }, default);

        Assert.Equal(SampleDocuments.Sample("pipelineExecutionId"), id);
        Assert.Empty(server.Violations());
        var sent = Assert.Single(server.Sent("StartPipelineExecution"));
        Assert.Equal("CodePipeline_20150709.StartPipelineExecution", Assert.Single(server.Server.Received).Headers["X-Amz-Target"]);
        Assert.Equal("prod", sent.GetProperty("variables")[1].GetProperty("value").GetString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", sent.GetProperty("clientRequestToken").GetString());
    }

    [SharedFact]
    public async Task StartPipelineExecution_WithNameOnly_ShouldValidate()
    {
        await using var server = new ContractServer("codepipeline");

        await ContractClients.For(server).CodePipeline(ContractClients.Credentials).StartPipelineExecutionAsync(new CodePipelineStartRequest("deploy-churn"), default);

        Assert.Empty(server.Violations());
        Assert.Equal(["name"], Assert.Single(server.Sent("StartPipelineExecution")).EnumerateObject().Select(p => p.Name));
    }

    [SharedFact]
    public async Task StartPipelineExecution_WhenThePipelineIsMissing_ShouldSurfaceTypedError()
    {
        await using var server = new ContractServer("codepipeline");
        server.Server.Enqueue(ServerAction.Respond(400,
            """{"__type":"PipelineNotFoundException","message":"Pipeline not found"}""", ("x-amzn-RequestId", "rid-1")));

        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => ContractClients.For(server).CodePipeline(ContractClients.Credentials).StartPipelineExecutionAsync(new CodePipelineStartRequest("deploy-churn"), default));

        Assert.Equal("PipelineNotFoundException", error.ErrorCode);
        Assert.Equal("rid-1", error.RequestId);
    }

    [Theory]
    [InlineData("deploy churn", null)]
    [InlineData("deploy-churn", "token with spaces")]
    public async Task StartPipelineExecution_WhenInputMalformed_ShouldRejectWithoutSending(string name, string? token)
    {
        await using var server = new LoopbackServer();
        var context = new AwsContext("us-east-1", new Governance.Aws.Endpoints.EndpointResolver(n => n == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null),
            SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default);

        await Assert.ThrowsAsync<AwsRequestValidationException>(
            () => context.CodePipeline(ContractClients.Credentials).StartPipelineExecutionAsync(new CodePipelineStartRequest(name, token), default));

        Assert.Empty(server.Received);
    }
}
