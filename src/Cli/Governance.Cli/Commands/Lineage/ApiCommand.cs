using System.Net;
using System.Text;
using System.Text.Json;
using Governance.Cli.Commands.Replay;
using Governance.Core.Lineage;
using Governance.Handlers;
using Governance.Hosting;
using Governance.Hosting.Logging;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// <c>governance api [--port N]</c>: serves the LineageApi function on loopback, turning each HTTP request into
/// the HTTP API payload 2.0 event API Gateway would send and the function's answer back into HTTP.
/// </summary>
public static class ApiCommand
{
    public const int DefaultPort = 8787;

    public const string Help = """
        Usage: governance api [--port N] [--caller ARN [--scoping FILE]] [options]

        Serves the lineage API (the same handler as the LineageApi function) on http://127.0.0.1:N/ until
        interrupted. Routes: /models/{group}, /models/{group}/versions/{version}[/timeline],
        /endpoints/{name}, /artifacts?uri=, /violations, /audit (see docs/lineage-api.md).

        Options:
          --port N                loopback port (default 8787)
          --caller ARN            act as this principal under the scoping configuration (default: see everything)
          --scoping FILE          the scoping configuration for --caller (default config/scoping.json)
          --table NAME            the ledger table (default: $GOVERNANCE_TABLE)
          --endpoint URL          DynamoDB endpoint (default: $AWS_ENDPOINT_URL, else AWS)
          --region REGION         the central registry's region (default: $AWS_REGION)
          --central-account ID    the governance account (default: $GOVERNANCE_CENTRAL_ACCOUNT)
          -h, --help              show this help
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
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException e)
            {
                await stderr.WriteLineAsync($"governance api: cannot listen on 127.0.0.1:{port}: {e.Message}");
                return 2;
            }

            await stdout.WriteLineAsync($"serving the lineage API on http://127.0.0.1:{port}/ (Ctrl+C stops)");
            await using var stop = ct.Register(listener.Stop);
            while (!ct.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (ct.IsCancellationRequested)
                {
                    break;
                }

                await ServeAsync(function, context, caller, ct);
            }
        }

        return 0;
    }

    private static async Task ServeAsync(LineageApiFunction function, HttpListenerContext context, string? caller, CancellationToken ct)
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

        var body = Encoding.UTF8.GetBytes(root.GetProperty("body").GetString() ?? string.Empty);
        await context.Response.OutputStream.WriteAsync(body, ct);
        context.Response.Close();
    }

    /// <summary>The payload 2.0 event API Gateway would send for this request.</summary>
    private static byte[] Event(HttpListenerRequest request, string? caller)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var path = request.Url?.AbsolutePath ?? "/";
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("routeKey", "$default");
            writer.WriteString("rawPath", path);
            writer.WriteString("rawQueryString", request.Url?.Query.TrimStart('?') ?? string.Empty);
            writer.WriteStartObject("queryStringParameters");
            foreach (var key in request.QueryString.AllKeys.OfType<string>())
            {
                writer.WriteString(key, request.QueryString[key]);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("requestContext");
            writer.WriteStartObject("http");
            writer.WriteString("method", request.HttpMethod);
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
