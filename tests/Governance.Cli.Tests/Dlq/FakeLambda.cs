using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Governance.Cli.Tests.Dlq;

/// <summary>An Invoke request the fake Lambda endpoint received.</summary>
internal sealed record ReceivedInvoke(string Path, string Authorization, byte[] Body);

/// <summary>
/// Lambda's Invoke endpoint on loopback (moto's Lambda needs Docker to run a function): answers
/// <c>POST /2015-03-31/functions/{name}/invocations</c> with the scripted response for that function, as Lambda
/// does: 200 and the function's answer, plus <c>X-Amz-Function-Error</c> when the function failed.
/// </summary>
internal sealed class FakeLambda : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedInvoke> _received = new();
    private readonly Dictionary<string, (string? FunctionError, string Body)> _answers;
    private readonly Task _loop;

    public FakeLambda(Dictionary<string, (string? FunctionError, string Body)> answers)
    {
        _answers = answers;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = ServeAsync();
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedInvoke> Received => [.. _received];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            _received.Enqueue(new ReceivedInvoke(path, context.Request.Headers["Authorization"] ?? string.Empty, body.ToArray()));
            var name = path.Split('/')[^2];
            var (error, answer) = _answers.TryGetValue(name, out var scripted)
                ? scripted
                : (null, """{"Type":"User","message":"Function not found"}""");
            context.Response.StatusCode = _answers.ContainsKey(name) ? 200 : 404;
            if (error is not null)
            {
                context.Response.AddHeader("X-Amz-Function-Error", error);
            }

            if (!_answers.ContainsKey(name))
            {
                context.Response.AddHeader("x-amzn-ErrorType", "ResourceNotFoundException");
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
