using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Local.Lambda;

/// <summary>An invocation the loopback Runtime API hands out on <c>next</c>.</summary>
public sealed record LoopbackInvocation(
    string RequestId,
    byte[] Payload,
    DateTimeOffset Deadline,
    string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:governance-audit",
    string? TraceId = null,
    string? ClientContext = null,
    string? CognitoIdentity = null);

public enum ResultKind
{
    Response,
    Error,
}

/// <summary>What the runtime posted for one invocation, as the loopback Runtime API received it.</summary>
/// <param name="ReceivedTimestamp">When the post arrived, in <see cref="Stopwatch"/> ticks of this process.</param>
/// <param name="HandedOutTimestamp">When <c>next</c> handed the invocation out (0 for the init error), likewise.</param>
public sealed record PostedResult(
    string RequestId,
    ResultKind Kind,
    byte[] Body,
    string? ErrorTypeHeader,
    DateTimeOffset ReceivedAt,
    long ReceivedTimestamp = 0,
    long HandedOutTimestamp = 0)
{
    /// <summary>From <c>next</c> handing the invocation out to the runtime posting its result.</summary>
    public TimeSpan SinceHandedOut => Stopwatch.GetElapsedTime(HandedOutTimestamp, ReceivedTimestamp);
}

/// <summary>
/// A loopback server following the Lambda Runtime API contract (2018-06-01): <c>next</c> long-polls and
/// answers 200 with the invocation headers; response and error posts answer 202, 400 for a request id
/// it never handed out or already answered, 413 for a response over the payload limit; the init error
/// answers 202. It can answer 500 to simulate a hiccup, and records everything it was sent, with
/// <see cref="Stopwatch"/> timestamps for the benchmark harnesses. The one Runtime API of the tests (in-process
/// runtime loop and the real bootstrap process) and of the cold-start and throughput harnesses.
/// </summary>
public sealed class LoopbackRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Channel<LoopbackInvocation> _queue = Channel.CreateUnbounded<LoopbackInvocation>();
    private readonly ConcurrentDictionary<string, (LoopbackInvocation Invocation, long At)> _handedOut = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _nextWaiters = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PostedResult>> _results = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<PostedResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextRequests;
    private int _failNext;
    private int _failResponses;

    private LoopbackRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string HostAndPort { get; private set; } = string.Empty;

    /// <summary>Responses over this size answer 413, as Lambda does over 6 MB.</summary>
    public int MaxPayloadBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>When the first <c>next</c> request arrived.</summary>
    public DateTimeOffset? FirstNextAt { get; private set; }

    /// <summary>When the first <c>next</c> request arrived, in <see cref="Stopwatch"/> ticks of this process (0 before).</summary>
    public long FirstNextTimestamp { get; private set; }

    public int NextRequests => Volatile.Read(ref _nextRequests);

    public bool InitErrorPosted => _initError.Task.IsCompleted;

    public static async Task<LoopbackRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var api = new LoopbackRuntimeApi(app);
        app.MapGet($"{Prefix}/invocation/next", api.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{requestId}}/response", (RequestDelegate)(http => api.RecordAsync(http, RequestId(http), ResultKind.Response)));
        app.MapPost($"{Prefix}/invocation/{{requestId}}/error", (RequestDelegate)(http => api.RecordAsync(http, RequestId(http), ResultKind.Error)));
        app.MapPost($"{Prefix}/init/error", api.InitErrorAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.HostAndPort = new Uri(address).Authority;
        return api;
    }

    public static LoopbackInvocation Invocation(string requestId, byte[] payload, TimeSpan timeLeft, string? traceId = null) =>
        new(requestId, payload, DateTimeOffset.UtcNow + timeLeft, TraceId: traceId);

    public void Enqueue(LoopbackInvocation invocation)
    {
        _results.TryAdd(invocation.RequestId, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(invocation);
    }

    /// <summary>The next <paramref name="times"/> <c>next</c> requests answer 500.</summary>
    public void FailNext(int times) => Interlocked.Exchange(ref _failNext, times);

    /// <summary>The next <paramref name="times"/> response posts answer 500.</summary>
    public void FailResponses(int times) => Interlocked.Exchange(ref _failResponses, times);

    public async Task<PostedResult> ResultAsync(string requestId, TimeSpan? timeout = null)
    {
        var pending = _results.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        return await pending.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    public Task<PostedResult> InitErrorAsync(TimeSpan timeout) => _initError.Task.WaitAsync(timeout);

    /// <summary>Completes once <paramref name="count"/> <c>next</c> requests have arrived (the runtime asking again after answering).</summary>
    public Task NextRequestsAsync(int count, TimeSpan timeout)
    {
        if (NextRequests >= count)
        {
            return Task.CompletedTask;
        }

        var waiter = _nextWaiters.GetOrAdd(count, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (NextRequests >= count)
        {
            waiter.TrySetResult();
        }

        return waiter.Task.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext http)
    {
        var arrived = Stopwatch.GetTimestamp();
        var requests = Interlocked.Increment(ref _nextRequests);
        if (requests == 1)
        {
            FirstNextTimestamp = arrived;
            FirstNextAt = DateTimeOffset.UtcNow;
        }

        if (_nextWaiters.TryRemove(requests, out var waiter))
        {
            waiter.TrySetResult();
        }

        if (TryConsume(ref _failNext))
        {
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "ServiceException", "simulated hiccup");
            return;
        }

        LoopbackInvocation invocation;
        try
        {
            invocation = await _queue.Reader.ReadAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return;
        }

        _handedOut[invocation.RequestId] = (invocation, Stopwatch.GetTimestamp());
        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        if (invocation.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        }

        if (invocation.ClientContext is not null)
        {
            headers["Lambda-Runtime-Client-Context"] = invocation.ClientContext;
        }

        if (invocation.CognitoIdentity is not null)
        {
            headers["Lambda-Runtime-Cognito-Identity"] = invocation.CognitoIdentity;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted);
    }

    private async Task RecordAsync(HttpContext http, string requestId, ResultKind kind)
    {
        var arrived = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(http);
        if (kind == ResultKind.Response && TryConsume(ref _failResponses))
        {
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "ServiceException", "simulated hiccup");
            return;
        }

        if (!_handedOut.ContainsKey(requestId))
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestID", "unknown or already answered request id");
            return;
        }

        // Too large a response leaves the invocation open, so the runtime can still post an error for it.
        if (kind == ResultKind.Response && body.Length > MaxPayloadBytes)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", "response too large");
            return;
        }

        if (!_handedOut.TryRemove(requestId, out var handedOut))
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestID", "already answered");
            return;
        }

        var errorType = http.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        _results.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(new PostedResult(requestId, kind, body, errorType, DateTimeOffset.UtcNow, arrived, handedOut.At));
        await WriteAcceptedAsync(http);
    }

    private async Task InitErrorAsync(HttpContext http)
    {
        var arrived = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(http);
        var errorType = http.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        _initError.TrySetResult(new PostedResult("init", ResultKind.Error, body, errorType, DateTimeOffset.UtcNow, arrived));
        await WriteAcceptedAsync(http);
    }

    private static string RequestId(HttpContext http) => (string)http.Request.RouteValues["requestId"]!;

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static Task WriteAcceptedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync("""{"status":"OK"}""");
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string errorType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync($$"""{"errorMessage":"{{message}}","errorType":"{{errorType}}"}""");
    }

    private static bool TryConsume(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
