using System.Text.Json.Nodes;
using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Aws.Tests.Http;

namespace Governance.Aws.Tests.SageMaker;

/// <summary>Malformed names, ARNs and tokens fail with a clear error before anything is sent.</summary>
public sealed class SageMakerValidationTests : IAsyncDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly ISageMakerClient _client;

    public SageMakerValidationTests()
    {
        _server.Fallback = _ => ServerAction.Respond(200, "{}");
        _client = new AwsContext("us-east-1", new Governance.Aws.Endpoints.EndpointResolver(n => n == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null),
            SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default).SageMaker(new Governance.Aws.Credentials.StaticCredentialSource(TestCores.Credentials));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static TheoryData<string, Func<ISageMakerClient, Task>> Malformed() => new()
    {
        { "ModelPackageArn", c => c.UpdateModelPackageAsync(new UpdateModelPackageRequest("arn:aws:s3:::bucket/key") { ModelApprovalStatus = "Approved" }, default) },
        { "ModelPackageArn", c => c.UpdateModelPackageAsync(new UpdateModelPackageRequest("arn:aws:sagemaker:us-east-1:12345:model-package/a/1"), default) },
        { "ModelApprovalStatus", c => c.UpdateModelPackageAsync(new UpdateModelPackageRequest("arn:aws:sagemaker:us-east-1:123456789012:model-package/a/1") { ModelApprovalStatus = "approved" }, default) },
        { "ModelPackageGroupName", c => c.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest("churn_model"), default) },
        { "ModelPackageGroupName", c => c.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(new string('a', 64)), default) },
        { "Tags.Key", c => c.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest("churn") { Tags = [new ResourceTag("bad#key", "v")] }, default) },
        { "ClientToken", c => c.CreateModelPackageAsync(new CreateModelPackageRequest("churn") { ClientToken = "token with spaces" }, default) },
        { "ClientRequestToken", c => c.StartPipelineExecutionAsync(new StartPipelineExecutionRequest("deploy", "too-short"), default) },
        { "ModelPackageName", c => c.DescribeModelPackageAsync("", default) },
        { "ModelPackageArn", c => c.CreateModelPackageAsync(new CreateModelPackageRequest("churn") { Specification = new JsonObject { ["ModelPackageArn"] = "x" } }, default) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Call_WhenInputBreaksModelConstraints_ShouldThrowWithoutSending(string member, Func<ISageMakerClient, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);

        var error = await Assert.ThrowsAsync<AwsRequestValidationException>(() => call(_client));

        Assert.Equal(member, error.Member);
        Assert.Contains("not sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Received);
    }
}
