using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Throughput;

/// <summary>
/// A loopback Lambda Runtime API that hands out a batch of events as fast as the bootstrap asks for them and
/// times each one from <c>next</c> to its posted response or error. Once the batch is handed out, further
/// <c>next</c> calls are held open (as Lambda does between invocations) until the run is over.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _servedAt = new(StringComparer.Ordinal);
    private Batch? _batch;

    private RuntimeApiServer(WebApplication app) => _app = app;

    public string HostAndPort { get; private set; } = string.Empty;

    public static async Task<RuntimeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RuntimeApiServer(app);
        app.MapGet($"{Prefix}/invocation/next", server.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{requestId}}/response", (HttpContext http, string requestId) => server.CompleteAsync(http, requestId, isError: false));
        app.MapPost($"{Prefix}/invocation/{{requestId}}/error", (HttpContext http, string requestId) => server.CompleteAsync(http, requestId, isError: true));
        app.MapPost($"{Prefix}/init/error", (HttpContext http) => server.InitErrorAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.HostAndPort = new Uri(address).Authority;
        return server;
    }

    /// <summary>Serves <paramref name="payloads"/> in order; <paramref name="onCompleted"/> sees each completion count.</summary>
    public Batch Serve(IReadOnlyList<byte[]> payloads, string functionArn, Action<int>? onCompleted = null)
    {
        var batch = new Batch(payloads, functionArn, onCompleted);
        Volatile.Write(ref _batch, batch);
        return batch;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext http)
    {
        var batch = Volatile.Read(ref _batch);
        if (batch is null || !batch.TryTake(out var index))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bootstrap was stopped while it waited for an event.
            }

            return;
        }

        var requestId = Batch.RequestId(index);
        _servedAt[requestId] = Stopwatch.GetTimestamp();
        batch.MarkServed();
        var payload = batch.Payloads[index];
        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
        headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = batch.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = "Root=1-67ab1234-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = payload.Length;
        await http.Response.Body.WriteAsync(payload, http.RequestAborted);
    }

    private async Task CompleteAsync(HttpContext http, string requestId, bool isError)
    {
        var completed = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (_servedAt.TryRemove(requestId, out var served))
        {
            Volatile.Read(ref _batch)?.Complete(Stopwatch.GetElapsedTime(served, completed), isError, body);
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
        await http.Response.WriteAsync("""{"status":"OK"}""");
    }

    private async Task InitErrorAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        Volatile.Read(ref _batch)?.FailInit(body);
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        await http.Response.WriteAsync("""{"status":"OK"}""");
    }

    /// <summary>One run's events and what became of them.</summary>
    public sealed class Batch
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<double> _latencies;
        private readonly Lock _gate = new();
        private readonly Action<int>? _onCompleted;
        private int _next = -1;
        private long _firstServed;
        private long _lastCompleted;

        internal Batch(IReadOnlyList<byte[]> payloads, string functionArn, Action<int>? onCompleted)
        {
            Payloads = payloads;
            FunctionArn = functionArn;
            _onCompleted = onCompleted;
            _latencies = new List<double>(payloads.Count);
        }

        public IReadOnlyList<byte[]> Payloads { get; }

        public string FunctionArn { get; }

        public Task Done => _done.Task;

        public int Completed { get; private set; }

        public int Errors { get; private set; }

        public string? FirstError { get; private set; }

        /// <summary>From the first event handed out to the last answer.</summary>
        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_firstServed, _lastCompleted);

        /// <summary>Milliseconds from each <c>next</c> answered to the event's response or error.</summary>
        public double[] Latencies()
        {
            lock (_gate)
            {
                return [.. _latencies];
            }
        }

        internal bool TryTake(out int index)
        {
            index = Interlocked.Increment(ref _next);
            return index < Payloads.Count;
        }

        internal static string RequestId(int index) => "req-" + index.ToString("D6", CultureInfo.InvariantCulture);

        internal void MarkServed() => Interlocked.CompareExchange(ref _firstServed, Stopwatch.GetTimestamp(), 0);

        internal void Complete(TimeSpan latency, bool isError, string body)
        {
            int completed;
            lock (_gate)
            {
                _latencies.Add(latency.TotalMilliseconds);
                if (isError)
                {
                    Errors++;
                    FirstError ??= body;
                }

                completed = ++Completed;
                _lastCompleted = Stopwatch.GetTimestamp();
            }

            _onCompleted?.Invoke(completed);
            if (completed == Payloads.Count)
            {
                _done.TrySetResult();
            }
        }

        internal void FailInit(string body) => _done.TrySetException(new InvalidOperationException("the bootstrap failed its INIT: " + body));
    }
}
