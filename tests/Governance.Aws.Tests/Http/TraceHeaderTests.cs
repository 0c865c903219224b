using Governance.Aws.Credentials;
using Governance.Aws.Http;

namespace Governance.Aws.Tests.Http;

/// <summary>Outgoing calls of the signed core carry the invocation's X-Ray trace header, as the AWS SDKs' calls do.</summary>
public sealed class TraceHeaderTests : IDisposable
{
    private const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Send_InsideATracedInvocation_ShouldCarryTheTraceHeaderUnsigned()
    {
        await using var server = new LoopbackServer(ServerAction.Respond(200, "{}"));
        var core = new AwsHttpCore(_http, new StaticCredentialSource(TestCores.Credentials), TimeProvider.System, TestCores.FastRetries, traceHeader: () => Trace);

        await core.SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        var headers = Assert.Single(server.Received).Headers;
        Assert.Equal(Trace, headers[TraceHeader.Name]);
        Assert.DoesNotContain("x-amzn-trace-id", headers["Authorization"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Send_OutsideAnInvocation_ShouldSendNoTraceHeader()
    {
        await using var server = new LoopbackServer(ServerAction.Respond(200, "{}"));
        var core = new AwsHttpCore(_http, new StaticCredentialSource(TestCores.Credentials), TimeProvider.System, TestCores.FastRetries, traceHeader: () => null);

        await core.SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        Assert.DoesNotContain(Assert.Single(server.Received).Headers.Keys, name => string.Equals(name, TraceHeader.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("my-function", Trace, Trace)]
    [InlineData(null, Trace, null)]
    [InlineData("my-function", null, null)]
    [InlineData("my-function", "Root=1-x;Note=café au lait", "Root=1-x;Note=caf%C3%A9%20au%20lait")]
    public void FromEnvironment_ShouldFollowTheSdksRecursionDetectionRule(string? functionName, string? trace, string? expected) =>
        Assert.Equal(expected, TraceHeader.From(name => name switch
        {
            TraceHeader.FunctionNameVariable => functionName,
            TraceHeader.TraceVariable => trace,
            _ => null,
        }));
}
