using System.Text.Json;
using Governance.Cli.Commands.Replay;
using Governance.Cli.Shell;
using Governance.Core.Lineage;
using Governance.Handlers;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Microsoft.AspNetCore.Http;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// <c>governance api [--port N]</c>: serves the LineageApi function on loopback, turning each HTTP request into
/// the HTTP API payload 2.0 event API Gateway would send and the function's answer back into HTTP.
/// </summary>
public static class ApiCommand
{
    public const int DefaultPort = 8787;

    public const string Help = $$"""
        Usage: governance api [--port N] [--caller ARN [--scoping FILE]] [options]

        Serves the lineage API (the same handler as the LineageApi function) on http://127.0.0.1:N/ until
        interrupted. Routes: /models/{group}, /models/{group}/versions/{version}[/timeline],
        /endpoints/{name}, /artifacts?uri=, /violations, /audit (see docs/lineage-api.md).

        Options:
          --port N                loopback port (default 8787)
          --caller ARN            act as this principal under the scoping configuration (default: see everything)
          --scoping FILE          the scoping configuration for --caller (default config/scoping.json)
          {{LineageCliOptions.ConnectionHelp}}
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        LineageConnection connection;
        int port;
        string? caller;
        ScopingPolicy scoping;
        try
        {
            var options = LineageCliOptions.Parse(args, settings, "--port", "--caller", "--scoping");
            port = options.Value("--port") is { } text
                ? int.TryParse(text, out var parsed) && parsed is > 0 and < 65536 ? parsed : throw new ArgumentException($"--port must be 1-65535, not '{text}'")
                : DefaultPort;
            caller = options.Value("--caller");
            scoping = caller is null ? ScopingPolicy.Everyone() : ScopingPolicy.Parse(await File.ReadAllTextAsync(options.Value("--scoping") ?? "config/scoping.json", ct));
            connection = LineageConnection.Open(options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            return await CommandUsage.ErrorAsync("api", e.Message, stderr);
        }

        using (connection)
        {
            var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", "LineageApi", 512), new TextWriterLineWriter(stderr), TimeProvider.System).CreateLogger();
            var function = new LineageApiFunction(connection.Api(scoping), logger);
            await LoopbackServer.RunAsync(
                port, (context, token) => ServeAsync(function, context, caller, token), FailedAsync,
                () => stdout.WriteLineAsync($"serving the lineage API on http://127.0.0.1:{port}/ (Ctrl+C stops)"), ct);
        }

        return 0;
    }

    private static async Task ServeAsync(LineageApiFunction function, HttpContext context, string? caller, CancellationToken ct)
    {
        var invocation = new InvocationContext(Guid.NewGuid().ToString(), "arn:aws:lambda:local:000000000000:function:LineageApi", null,
            TimeProvider.System.GetUtcNow().AddSeconds(29), "LineageApi", false);
        using var scope = LocalInvocation.Begin(invocation);
        var answer = await function.HandleAsync(Event(context.Request, caller), invocation, ct);
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        context.Response.StatusCode = root.GetProperty("statusCode").GetInt32();
        foreach (var header in root.GetProperty("headers").EnumerateObject())
        {
            context.Response.Headers[header.Name] = header.Value.GetString();
        }

        await context.Response.WriteAsync(root.GetProperty("body").GetString() ?? string.Empty, ct);
    }

    private static Task FailedAsync(HttpContext context, Exception e)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(
            new ErrorBody("internal-error", $"the request failed: {e.Message}", null), LineageJsonContext.Default.ErrorBody));
    }

    /// <summary>The payload 2.0 event API Gateway would send for this request.</summary>
    private static byte[] Event(HttpRequest request, string? caller)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var path = request.Path.HasValue ? request.Path.Value : "/";
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("routeKey", "$default");
            writer.WriteString("rawPath", path);
            writer.WriteString("rawQueryString", request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty);
            writer.WriteStartObject("queryStringParameters");
            foreach (var (key, value) in request.Query)
            {
                writer.WriteString(key, value.ToString());
            }

            writer.WriteEndObject();
            writer.WriteStartObject("requestContext");
            writer.WriteStartObject("http");
            writer.WriteString("method", request.Method);
            writer.WriteString("path", path);
            writer.WriteEndObject();
            writer.WriteStartObject("authorizer");
            writer.WriteStartObject("iam");
            writer.WriteString("userArn", caller);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
