using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Sns;
using Governance.Aws.Tests.Http;

namespace Governance.Aws.Tests.Sns;

/// <summary>SNS limits are enforced before sending.</summary>
public sealed class SnsValidationTests : IAsyncDisposable
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:governance";
    private readonly LoopbackServer _server = new();
    private readonly ISnsClient _sns;

    public SnsValidationTests() =>
        _sns = new AwsContext("us-east-1", new EndpointResolver(n => n == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null),
            SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default).Sns(new StaticCredentialSource(TestCores.Credentials));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<AwsRequestValidationException> Rejected(SnsMessage message)
    {
        var error = await Assert.ThrowsAsync<AwsRequestValidationException>(() => _sns.PublishAsync(message, CancellationToken.None));
        Assert.Empty(_server.Received);
        return error;
    }

    [Fact]
    public async Task Publish_WhenMessageOver256KB_ShouldRejectWithoutSending()
    {
        var error = await Rejected(new SnsMessage(Topic, new string('x', SnsClient.MaxMessageBytes + 1)));

        Assert.Contains("over the limit of 262144 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenAttributesPushMessageOver256KB_ShouldReject() =>
        await Rejected(new SnsMessage(Topic, new string('x', SnsClient.MaxMessageBytes - 10))
        {
            Attributes = new Dictionary<string, SnsAttributeValue> { ["team"] = SnsAttributeValue.Text("risk-management") },
        });

    [Fact]
    public async Task Publish_WhenMultiByteCharactersExceedLimitInBytes_ShouldReject() =>
        await Rejected(new SnsMessage(Topic, new string('é', (SnsClient.MaxMessageBytes / 2) + 1)));

    [Theory]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:governance")]
    [InlineData("arn:aws:sns:us-east-1:1234:governance")]
    [InlineData("governance")]
    public async Task Publish_WhenTopicArnMalformed_ShouldReject(string topic) =>
        Assert.Equal("TopicArn", (await Rejected(new SnsMessage(topic, "m"))).Member);

    [Fact]
    public async Task Publish_WhenJsonStructureLacksDefault_ShouldReject() =>
        Assert.Contains("default", (await Rejected(new SnsMessage(Topic, """{"sqs":"x"}""") { JsonStructure = true })).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Publish_WhenMoreThanTenAttributes_ShouldReject() =>
        await Rejected(new SnsMessage(Topic, "m")
        {
            Attributes = Enumerable.Range(0, 11).ToDictionary(i => $"a{i}", i => SnsAttributeValue.Text("v")),
        });

    [Theory]
    [InlineData("aws.reserved")]
    [InlineData("two..dots")]
    [InlineData("bad name")]
    public async Task Publish_WhenAttributeNameInvalid_ShouldReject(string name) =>
        await Rejected(new SnsMessage(Topic, "m") { Attributes = new Dictionary<string, SnsAttributeValue> { [name] = SnsAttributeValue.Text("v") } });

    [Fact]
    public async Task Publish_WhenSubjectHasLineBreak_ShouldReject() =>
        Assert.Equal("Subject", (await Rejected(new SnsMessage(Topic, "m") { Subject = "a\nb" })).Member);
}
