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

namespace Governance.ColdStart;

/// <summary>What one started bootstrap did, in Stopwatch timestamps of this process.</summary>
public sealed class RunObservation
{
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _secondNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<(long At, bool IsError, string Body)> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunObservation(string requestId, byte[] payload, string functionArn)
    {
        RequestId = requestId;
        Payload = payload;
        FunctionArn = functionArn;
    }

    public string RequestId { get; }

    /// <summary>The event the first <c>next</c> delivers.</summary>
    public byte[] Payload { get; }

    public string FunctionArn { get; }

    public Task<long> FirstNext => _firstNext.Task;

    /// <summary>Completes when the bootstrap, having answered, asks for its next event.</summary>
    public Task SecondNext => _secondNext.Task;

    public Task<(long At, bool IsError, string Body)> Result => _result.Task;

    public bool TryMarkFirstNext(long at) => _firstNext.TrySetResult(at);

    public void MarkLaterNext() => _secondNext.TrySetResult();

    public void Complete(long at, bool isError, string body) => _result.TrySetResult((at, isError, body));
}

/// <summary>
/// A Runtime API for one bootstrap at a time: the first <c>next</c> gets the run's payload, later ones are held
/// (the process is killed after its first response); response, error and init-error posts are timed.
/// </summary>
public sealed class LoopbackRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private RunObservation? _current;

    private LoopbackRuntimeApi(WebApplication app) => _app = app;

    public string HostAndPort { get; private set; } = string.Empty;

    public static async Task<LoopbackRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new LoopbackRuntimeApi(app);
        app.MapGet($"{Prefix}/invocation/next", api.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{requestId}}/response", (HttpContext http, string requestId) => api.CompleteAsync(http, requestId, isError: false));
        app.MapPost($"{Prefix}/invocation/{{requestId}}/error", (HttpContext http, string requestId) => api.CompleteAsync(http, requestId, isError: true));
        app.MapPost($"{Prefix}/init/error", (HttpContext http) => api.CompleteAsync(http, "init", isError: true));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.HostAndPort = new Uri(address).Authority;
        return api;
    }

    public RunObservation BeginRun(string requestId, byte[] payload, string functionArn)
    {
        var run = new RunObservation(requestId, payload, functionArn);
        Volatile.Write(ref _current, run);
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext http)
    {
        var arrived = Stopwatch.GetTimestamp();
        var run = Volatile.Read(ref _current);
        if (run is null || !run.TryMarkFirstNext(arrived))
        {
            run?.MarkLaterNext();
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bootstrap was stopped while it long-polled.
            }

            return;
        }

        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = run.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = run.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = "Root=1-67ab1234-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = run.Payload.Length;
        await http.Response.Body.WriteAsync(run.Payload, http.RequestAborted);
    }

    private async Task CompleteAsync(HttpContext http, string requestId, bool isError)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var run = Volatile.Read(ref _current);
        if (run is not null && (requestId == run.RequestId || requestId == "init"))
        {
            run.Complete(arrived, isError, body);
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
        await http.Response.WriteAsync("""{"status":"OK"}""");
    }
}
