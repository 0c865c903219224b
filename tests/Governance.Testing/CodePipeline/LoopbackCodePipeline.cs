using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Testing.CodePipeline;

/// <summary>A StartPipelineExecution call as the emulator received it.</summary>
public sealed record StartedExecution(string Pipeline, string ExecutionId, string? ClientRequestToken, IReadOnlyDictionary<string, string> Variables);

/// <summary>
/// A loopback CodePipeline (moto has no StartPipelineExecution): JSON 1.1 with the
/// <c>CodePipeline_20150709</c> target prefix, known pipelines only, and CodePipeline's idempotency — the same
/// <c>clientRequestToken</c> for the same pipeline returns the same execution instead of starting another.
/// </summary>
public sealed class LoopbackCodePipeline : IAsyncDisposable
{
    private const string StartTarget = "CodePipeline_20150709.StartPipelineExecution";

    private readonly WebApplication _app;
    private readonly HashSet<string> _pipelines;
    private readonly ConcurrentDictionary<(string Pipeline, string Token), StartedExecution> _byToken = new();
    private readonly ConcurrentQueue<StartedExecution> _started = new();
    private int _calls;

    private LoopbackCodePipeline(WebApplication app, IEnumerable<string> pipelines)
    {
        _app = app;
        _pipelines = new HashSet<string>(pipelines, StringComparer.Ordinal);
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every StartPipelineExecution call received, answered or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The executions actually started (a replayed token starts none).</summary>
    public IReadOnlyList<StartedExecution> Started => [.. _started];

    public static async Task<LoopbackCodePipeline> StartAsync(params string[] pipelines)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new LoopbackCodePipeline(app, pipelines);
        app.MapPost("/", emulator.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        emulator.Endpoint = new Uri(address);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _calls);
        if (http.Request.Headers["X-Amz-Target"].ToString() != StartTarget)
        {
            await ErrorAsync(http, "UnknownOperationException", "only StartPipelineExecution is emulated");
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException error)
        {
            await ErrorAsync(http, "SerializationException", error.Message);
            return;
        }

        var name = body?["name"]?.GetValue<string>();
        if (name is null || !_pipelines.Contains(name))
        {
            await ErrorAsync(http, "PipelineNotFoundException", "The account does not have a pipeline named " + name);
            return;
        }

        var token = body!["clientRequestToken"]?.GetValue<string>();
        var variables = (body["variables"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .ToDictionary(variable => variable["name"]!.GetValue<string>(), variable => variable["value"]!.GetValue<string>(), StringComparer.Ordinal);
        var execution = token is null
            ? Start(name, null, variables)
            : _byToken.GetOrAdd((name, token), key => Start(key.Pipeline, key.Token, variables));

        http.Response.ContentType = "application/x-amz-json-1.1";
        await http.Response.WriteAsync("{\"pipelineExecutionId\":\"" + execution.ExecutionId + "\"}", http.RequestAborted);
    }

    private StartedExecution Start(string pipeline, string? token, IReadOnlyDictionary<string, string> variables)
    {
        var execution = new StartedExecution(pipeline, Guid.NewGuid().ToString(), token, variables);
        _started.Enqueue(execution);
        return execution;
    }

    private static async Task ErrorAsync(HttpContext http, string type, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/x-amz-json-1.1";
        await http.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), http.RequestAborted);
    }
}
