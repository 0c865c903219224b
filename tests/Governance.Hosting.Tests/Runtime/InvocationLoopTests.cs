using System.Text;
using System.Text.Json;
using Governance.Hosting.Runtime;
using Governance.Hosting.Tests.Support;
using Governance.Local.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Hosting.Tests.Runtime;

[Collection(RuntimeLoopGroup.Name)]
public sealed class InvocationLoopTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Invocation_WhenHandlerSucceeds_ShouldPostItsBytesAsTheResponse()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            new DelegateHandler((payload, _, _) => Task.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes("answer:" + Encoding.UTF8.GetString(payload.Span)))));

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("req-1", """{"id":1}"""u8.ToArray(), Minute));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("req-2", """{"id":2}"""u8.ToArray(), Minute));

        var first = await harness.Api.ResultAsync("req-1");
        var second = await harness.Api.ResultAsync("req-2");
        Assert.Equal(ResultKind.Response, first.Kind);
        Assert.Equal("""answer:{"id":1}""", Encoding.UTF8.GetString(first.Body));
        Assert.Equal("""answer:{"id":2}""", Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public async Task Invocation_WhenHandlerThrows_ShouldPostLambdaErrorAndServeTheNextInvocation()
    {
        var calls = 0;
        await using var harness = await RuntimeHarness.StartAsync(new DelegateHandler((payload, _, _) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("policy table is missing")
                : Task.FromResult(payload)));

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("fails", "{}"u8.ToArray(), Minute));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("works", "{}"u8.ToArray(), Minute));

        var failed = await harness.Api.ResultAsync("fails");
        Assert.Equal(ResultKind.Error, failed.Kind);
        Assert.Equal("Function.Unhandled", failed.ErrorTypeHeader);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("policy table is missing", error.RootElement.GetProperty("errorMessage").GetString());
        var stack = error.RootElement.GetProperty("stackTrace");
        Assert.Equal(JsonValueKind.Array, stack.ValueKind);
        Assert.NotEqual(0, stack.GetArrayLength());
        Assert.Equal(ResultKind.Response, (await harness.Api.ResultAsync("works")).Kind);
        Assert.Contains(harness.Output.LogLines(), line =>
            line.GetProperty("level").GetString() == "ERROR"
            && line.GetProperty("function_request_id").GetString() == "fails"
            && line.GetProperty("error").GetProperty("name").GetString() == nameof(InvalidOperationException));
    }

    [Fact]
    public async Task Init_WhenHandlerIsUnknown_ShouldPostInitErrorAndExitNonZero()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            (name, _) => throw new UnknownHandlerException(name, ["RegistrySync", "AuditTrail"]),
            handlerName: "NoSuchThing");

        var exitCode = await harness.Run.WaitAsync(TimeSpan.FromSeconds(10));
        var initError = await harness.Api.InitErrorAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(LambdaRuntime.ExitInitFailed, exitCode);
        Assert.Equal("Runtime.NoSuchHandler", initError.ErrorTypeHeader);
        using var error = JsonDocument.Parse(initError.Body);
        Assert.Equal(nameof(UnknownHandlerException), error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("NoSuchThing", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("AuditTrail", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Api.NextRequests);
    }

    [Fact]
    public async Task Init_WhenCompositionFails_ShouldReportInitErrorCategory()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            (_, _) => throw new InvalidOperationException("GOVERNANCE_TABLE is not set"));

        Assert.Equal(LambdaRuntime.ExitInitFailed, await harness.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        var initError = await harness.Api.InitErrorAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Runtime.InitError", initError.ErrorTypeHeader);
    }

    [Fact]
    public async Task Composition_ShouldBeBuiltOnceForManyInvocations()
    {
        var built = 0;
        await using var harness = await RuntimeHarness.StartAsync((_, _) =>
        {
            Interlocked.Increment(ref built);
            return DelegateHandler.Echo();
        });

        for (var i = 0; i < 5; i++)
        {
            harness.Api.Enqueue(LoopbackRuntimeApi.Invocation($"many-{i}", "{}"u8.ToArray(), Minute));
        }

        for (var i = 0; i < 5; i++)
        {
            await harness.Api.ResultAsync($"many-{i}");
        }

        Assert.Equal(1, built);
    }

    [Fact]
    public async Task Composition_ShouldBeBuiltBeforeTheFirstNextRequest()
    {
        DateTimeOffset? composedAt = null;
        await using var harness = await RuntimeHarness.StartAsync((_, _) =>
        {
            Thread.Sleep(200);
            composedAt = DateTimeOffset.UtcNow;
            return DelegateHandler.Echo();
        });

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("eager", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("eager");

        Assert.NotNull(composedAt);
        Assert.True(composedAt <= harness.Api.FirstNextAt, $"composed at {composedAt:O}, first next at {harness.Api.FirstNextAt:O}");
    }

    [Fact]
    public async Task Deadline_WhenHandlerRunsLong_ShouldCancelItsTokenAtTheSafetyMarginAndPostTimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenFiredAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await RuntimeHarness.StartAsync(
            new DelegateHandler(async (_, _, token) =>
            {
                token.Register(() => tokenFiredAt.TrySetResult(clock.GetUtcNow()));
                entered.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return ReadOnlyMemory<byte>.Empty;
            }),
            options => options with { SafetyMargin = TimeSpan.FromMilliseconds(400), TimeProvider = clock });
        var invocation = new LoopbackInvocation("slow", "{}"u8.ToArray(), clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        harness.Api.Enqueue(invocation);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        var firedEarly = tokenFiredAt.Task.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(200));

        var result = await harness.Api.ResultAsync("slow");
        var fired = await tokenFiredAt.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(firedEarly, "the token fired before the deadline's safety margin");
        Assert.InRange(fired, invocation.Deadline - TimeSpan.FromMilliseconds(400), invocation.Deadline - TimeSpan.FromMilliseconds(300));
        Assert.Equal(ResultKind.Error, result.Kind);
        Assert.Equal("Function.Timeout", result.ErrorTypeHeader);
        using var error = JsonDocument.Parse(result.Body);
        Assert.Equal("HandlerTimeout", error.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Deadline_WhenHandlerIgnoresItsToken_ShouldStillPostTimeoutAtTheSafetyMarginAndCarryOn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        await using var harness = await RuntimeHarness.StartAsync(
            new DelegateHandler((payload, context, _) =>
            {
                if (context.RequestId == "stubborn")
                {
                    entered.Set();
                    release.Wait(TimeSpan.FromMinutes(1), CancellationToken.None);
                }

                return Task.FromResult(payload);
            }),
            options => options with { SafetyMargin = TimeSpan.FromMilliseconds(300), TimeProvider = clock });
        harness.Api.Enqueue(new LoopbackInvocation("stubborn", "{}"u8.ToArray(), clock.GetUtcNow() + TimeSpan.FromMilliseconds(1200)));
        harness.Api.Enqueue(new LoopbackInvocation("after", "{}"u8.ToArray(), clock.GetUtcNow() + Minute));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the handler never started");

        clock.Advance(TimeSpan.FromMilliseconds(1000));
        var result = await harness.Api.ResultAsync("stubborn");
        var after = await harness.Api.ResultAsync("after");
        release.Set();

        Assert.Equal(ResultKind.Error, result.Kind);
        Assert.Equal("Function.Timeout", result.ErrorTypeHeader);
        Assert.Equal(ResultKind.Response, after.Kind);
    }

    [Fact]
    public async Task Payload_OfSixMegabytes_ShouldRoundTripByteForByte()
    {
        await using var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());
        var payload = new byte[6 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("big", payload, Minute));

        var result = await harness.Api.ResultAsync("big");
        Assert.Equal(ResultKind.Response, result.Kind);
        Assert.True(payload.AsSpan().SequenceEqual(result.Body), "the echoed 6 MB payload differs");
    }

    [Fact]
    public async Task Response_OverSixMegabytes_ShouldPostSizeErrorInsteadAndCarryOn()
    {
        await using var harness = await RuntimeHarness.StartAsync(new DelegateHandler((payload, context, _) =>
            Task.FromResult<ReadOnlyMemory<byte>>(context.RequestId == "huge" ? new byte[(6 * 1024 * 1024) + 1] : payload)));

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("huge", "{}"u8.ToArray(), Minute));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("small", "{}"u8.ToArray(), Minute));

        var result = await harness.Api.ResultAsync("huge");
        Assert.Equal(ResultKind.Error, result.Kind);
        Assert.Equal("Function.ResponseSizeTooLarge", result.ErrorTypeHeader);
        Assert.Equal(ResultKind.Response, (await harness.Api.ResultAsync("small")).Kind);
    }

    [Fact]
    public async Task Response_WhenRuntimeApiAnswers413_ShouldPostSizeErrorInstead()
    {
        await using var harness = await RuntimeHarness.StartAsync(
            new DelegateHandler((_, _, _) => Task.FromResult<ReadOnlyMemory<byte>>(new byte[2048])));
        harness.Api.MaxPayloadBytes = 1024;

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("api-limit", "{}"u8.ToArray(), Minute));

        var result = await harness.Api.ResultAsync("api-limit");
        Assert.Equal(ResultKind.Error, result.Kind);
        Assert.Equal("Function.ResponseSizeTooLarge", result.ErrorTypeHeader);
    }

    [Fact]
    public async Task Payload_WhenNotJson_ShouldReachHandlerVerbatimAndItsFailureBePosted()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await RuntimeHarness.StartAsync(new DelegateHandler((payload, _, _) =>
        {
            received.TrySetResult(payload.ToArray());
            using var document = JsonDocument.Parse(payload);
            return Task.FromResult(payload);
        }));
        var invalid = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "invalid-event.json.invalid"));

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("not-json", invalid, Minute));
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("json", "{}"u8.ToArray(), Minute));

        var result = await harness.Api.ResultAsync("not-json");
        Assert.Equal(invalid, await received.Task);
        Assert.Equal(ResultKind.Error, result.Kind);
        using var error = JsonDocument.Parse(result.Body);
        Assert.Contains("Json", error.RootElement.GetProperty("errorType").GetString(), StringComparison.Ordinal);
        Assert.Equal(ResultKind.Response, (await harness.Api.ResultAsync("json")).Kind);
    }

    [Fact]
    public async Task Next_WhenRuntimeApiAnswers500Once_ShouldRetryAndServeTheInvocation()
    {
        await using var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());
        harness.Api.FailNext(1);

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("after-hiccup", "{}"u8.ToArray(), Minute));

        Assert.Equal(ResultKind.Response, (await harness.Api.ResultAsync("after-hiccup")).Kind);
        Assert.True(harness.Api.NextRequests >= 2);
        Assert.Contains(harness.Output.LogLines(), line =>
            line.GetProperty("level").GetString() == "WARN"
            && line.GetProperty("Operation").GetString() == "next");
    }

    [Fact]
    public async Task Response_WhenRuntimeApiAnswers500Once_ShouldRetryThePost()
    {
        await using var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());
        harness.Api.FailResponses(1);

        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("retried-post", "{\"a\":1}"u8.ToArray(), Minute));

        var result = await harness.Api.ResultAsync("retried-post");
        Assert.Equal(ResultKind.Response, result.Kind);
        Assert.Equal("{\"a\":1}"u8.ToArray(), result.Body);
    }

    [Fact]
    public async Task Next_WhenRuntimeApiKeepsFailing_ShouldExitAfterBoundedRetries()
    {
        await using var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());
        harness.Api.FailNext(int.MaxValue);

        var exitCode = await harness.Run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntime.ExitRuntimeApiFailed, exitCode);
        Assert.Equal(harness.Options.RuntimeApiRetry.MaxAttempts, harness.Api.NextRequests);
    }

    [Fact]
    public async Task Context_ShouldCarryTheRuntimeApiHeadersAndSetTheTraceVariable()
    {
        var seen = new List<(InvocationContext Context, string? TraceVariable)>();
        await using var harness = await RuntimeHarness.StartAsync(new DelegateHandler((payload, context, _) =>
        {
            lock (seen)
            {
                seen.Add((context, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")));
            }

            return Task.FromResult(payload);
        }));
        const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var traced = new LoopbackInvocation(
            "ctx-1",
            "{}"u8.ToArray(),
            DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds()),
            "arn:aws:lambda:us-east-1:123456789012:function:governance-audit:live",
            Trace,
            """{"client":{"app_title":"x"}}""",
            """{"cognitoIdentityId":"us-east-1:1"}""");

        harness.Api.Enqueue(traced);
        harness.Api.Enqueue(LoopbackRuntimeApi.Invocation("ctx-2", "{}"u8.ToArray(), Minute));
        await harness.Api.ResultAsync("ctx-1");
        await harness.Api.ResultAsync("ctx-2");

        var (first, firstTrace) = seen[0];
        Assert.Equal("ctx-1", first.RequestId);
        Assert.Equal(traced.FunctionArn, first.InvokedFunctionArn);
        Assert.Equal(Trace, first.TraceId);
        Assert.Equal(traced.Deadline, first.Deadline);
        Assert.Equal(RuntimeHarness.FunctionName, first.FunctionName);
        Assert.True(first.IsColdStart);
        Assert.Equal(traced.ClientContext, first.ClientContext);
        Assert.Equal(traced.CognitoIdentity, first.CognitoIdentity);
        Assert.Equal(Trace, firstTrace);
        var (second, secondTrace) = seen[1];
        Assert.False(second.IsColdStart);
        Assert.Null(second.TraceId);
        Assert.Null(secondTrace);
    }

    [Fact]
    public async Task Shutdown_WhenTokenFiresDuringLongPoll_ShouldReturnExitOk()
    {
        var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());
        await using (harness)
        {
            await WaitUntilAsync(() => harness.Api.NextRequests > 0);
        }

        Assert.Equal(LambdaRuntime.ExitOk, await harness.Run);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
