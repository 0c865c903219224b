using System.Diagnostics;
using System.Globalization;
using System.Text;
using Governance.Aws.Http;
using Governance.Aws.Signing;

namespace Governance.Aws.Tests.Http;

/// <summary>The HTTP core's retry policy, proven against a loopback server that plays faults.</summary>
public sealed class RetryPolicyTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<AwsRetryNotice> _notices = [];

    public void Dispose() => _http.Dispose();

    private static ServerAction Error(int status, string code, string message = "m") =>
        ServerAction.Respond(status, $$"""{"__type":"{{code}}","message":"{{message}}"}""", ("x-amzn-RequestId", "req-" + code));

    [Fact]
    public async Task Send_WhenThrottledThenOk_ShouldRetryAndSucceed()
    {
        await using var server = new LoopbackServer(
            Error(400, "ThrottlingException"),
            Error(429, "TooManyRequestsException"),
            Error(400, "com.amazon.coral.availability#RequestLimitExceeded"),
            ServerAction.Respond(200, """{"ok":true}""", ("x-amzn-RequestId", "req-ok")));

        var response = await TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        Assert.Equal(4, response.Attempts);
        Assert.Equal("req-ok", response.RequestId);
        Assert.Equal("""{"ok":true}""", Encoding.UTF8.GetString(response.Body));
        Assert.Equal(["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"], _notices.Select(n => n.Reason));
        Assert.Equal([20d, 40d, 80d], _notices.Select(n => n.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task Send_When500Then503_ShouldRetryWithDoublingBackoffAndSucceed()
    {
        await using var server = new LoopbackServer(
            Error(500, "InternalFailure"),
            ServerAction.Respond(503, "Service Unavailable", ("Content-Type", "text/plain")),
            ServerAction.Respond(200, "{}"));

        var response = await TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        Assert.Equal(3, response.Attempts);
        Assert.Equal(3, server.Received.Count);
        Assert.Equal(["InternalFailure", "Http503"], _notices.Select(n => n.Reason));
        Assert.Equal([10d, 20d], _notices.Select(n => n.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task Send_WhenACallThatMayHaveBeenAppliedFailsWith500_ShouldNotSendItAgain()
    {
        await using var server = new LoopbackServer(Error(500, "InternalFailure"), ServerAction.Respond(200, "{}"));
        var request = TestCores.JsonRequest(server.Endpoint, "CreateThing") with { RetryWhenMaybeApplied = false };

        var failure = await Assert.ThrowsAnyAsync<AwsServiceException>(() => TestCores.Core(_http, _notices).SendAsync(request, CancellationToken.None));

        Assert.Equal("InternalFailure", failure.ErrorCode);
        Assert.Single(server.Received);
        Assert.Empty(_notices);
    }

    [Fact]
    public async Task Send_WhenACallThatMayHaveBeenAppliedIsThrottled_ShouldStillRetryIt()
    {
        await using var server = new LoopbackServer(Error(400, "ThrottlingException"), ServerAction.Respond(200, "{}"));
        var request = TestCores.JsonRequest(server.Endpoint, "CreateThing") with { RetryWhenMaybeApplied = false };

        var response = await TestCores.Core(_http, _notices).SendAsync(request, CancellationToken.None);

        Assert.Equal(2, response.Attempts);
        Assert.Equal(["ThrottlingException"], _notices.Select(n => n.Reason));
    }

    [Fact]
    public async Task Send_WhenResponseSlowerThanDeadline_ShouldCancelPromptly()
    {
        await using var server = new LoopbackServer(ServerAction.RespondAfter(TimeSpan.FromSeconds(30), 200, "{}"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), deadline.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(_notices);
    }

    [Fact]
    public async Task Send_WhenDeadlinePassesDuringBackoff_ShouldCancelWithoutAnotherAttempt()
    {
        await using var server = new LoopbackServer(Error(400, "ThrottlingException"), ServerAction.Respond(200, "{}"));
        var slowBackoff = TestCores.FastRetries with { ThrottlingBaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TestCores.Core(_http, _notices, slowBackoff).SendAsync(TestCores.JsonRequest(server.Endpoint), deadline.Token));

        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Send_WhenAttemptTimesOut_ShouldRetryAndSucceed()
    {
        await using var server = new LoopbackServer(
            ServerAction.RespondAfter(TimeSpan.FromSeconds(30), 200, """{"late":true}"""),
            ServerAction.Respond(200, """{"late":false}"""));
        var shortAttempts = TestCores.FastRetries with { AttemptTimeout = TimeSpan.FromMilliseconds(250) };

        var response = await TestCores.Core(_http, _notices, shortAttempts).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        Assert.Equal("""{"late":false}""", Encoding.UTF8.GetString(response.Body));
        Assert.Equal(["AttemptTimeout"], _notices.Select(n => n.Reason));
    }

    [Fact]
    public async Task Send_WhenConnectionReset_ShouldRetryAndSucceed()
    {
        await using var server = new LoopbackServer(ServerAction.Reset(), ServerAction.Respond(200, "{}"));

        var response = await TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None);

        Assert.Equal(2, response.Attempts);
        Assert.Equal(2, server.Received.Count);
        Assert.Single(_notices);
    }

    [Fact]
    public async Task Send_WhenValidationError_ShouldNotRetryAndCarryCodeMessageAndRequestId()
    {
        await using var server = new LoopbackServer(
            Error(400, "ValidationException", "1 validation error detected"),
            ServerAction.Respond(200, "{}"));

        var error = await Assert.ThrowsAsync<AwsValidationException>(
            () => TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("1 validation error detected", error.Details.Message);
        Assert.Equal("req-ValidationException", error.RequestId);
        Assert.Equal(400, error.StatusCode);
        Assert.Single(server.Received);
        Assert.Empty(_notices);
    }

    [Fact]
    public async Task Send_WhenAccessDenied_ShouldNotRetry()
    {
        await using var server = new LoopbackServer(Error(400, "AccessDeniedException"), ServerAction.Respond(200, "{}"));

        await Assert.ThrowsAsync<AwsAccessDeniedException>(
            () => TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None));

        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Send_WhenThrottledOnEveryAttempt_ShouldStopAtMaxAttemptsWithTypedError()
    {
        await using var server = new LoopbackServer();
        server.Fallback = _ => Error(400, "ThrottlingException", "Rate exceeded");

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(
            () => TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(server.Endpoint), CancellationToken.None));

        Assert.Equal("Rate exceeded", error.Details.Message);
        Assert.Equal(TestCores.FastRetries.MaxAttempts, server.Received.Count);
    }

    [Fact]
    public async Task Send_WhenNothingListens_ShouldThrowTransportErrorAfterMaxAttempts()
    {
        var closed = new Uri($"http://127.0.0.1:{Governance.Testing.MotoServer.FreeLoopbackPort()}");

        var error = await Assert.ThrowsAsync<AwsTransportException>(
            () => TestCores.Core(_http, _notices).SendAsync(TestCores.JsonRequest(closed), CancellationToken.None));

        Assert.Equal(TestCores.FastRetries.MaxAttempts, error.Attempts);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Send_ShouldSignSoTheServerCanVerifyTheSignature()
    {
        await using var server = new LoopbackServer(ServerAction.Respond(200, "{}"));

        await TestCores.Core(_http).SendAsync(TestCores.JsonRequest(server.Endpoint, "ListTags"), CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("SageMaker.ListTags", received.Headers["X-Amz-Target"]);
        Assert.Equal(TestCores.Credentials.SessionToken, received.Headers["X-Amz-Security-Token"]);
        var authorization = received.Headers["Authorization"];
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target", authorization, StringComparison.Ordinal);

        var time = DateTimeOffset.ParseExact(received.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        string[] signedNames = ["Content-Type", "Host", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Target"];
        var recomputed = SigV4Signer.Sign(
            new SignableRequest("POST", received.Path, string.Empty, [.. signedNames.Select(n => new KeyValuePair<string, string>(n, received.Headers[n]))],
                SigV4Signer.HashHex(Encoding.UTF8.GetBytes(received.Body))),
            TestCores.Credentials, new SigningScope("us-east-1", "sagemaker"), time);
        Assert.Equal(recomputed.Authorization, authorization);
    }
}
