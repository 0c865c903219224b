using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Governance.Aws.Tests.Http;

/// <summary>What the loopback server does with the next request.</summary>
public abstract record ServerAction
{
    public static ServerAction Respond(int status, string body, params (string Name, string Value)[] headers) =>
        new RespondAction(status, body, headers, TimeSpan.Zero);

    public static ServerAction RespondAfter(TimeSpan delay, int status, string body) =>
        new RespondAction(status, body, [], delay);

    /// <summary>Abort the connection with a TCP reset after reading the request.</summary>
    public static ServerAction Reset() => new ResetAction();
}

public sealed record RespondAction(int Status, string Body, (string Name, string Value)[] Headers, TimeSpan Delay) : ServerAction;

public sealed record ResetAction : ServerAction;

/// <summary>A request the server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A minimal HTTP/1.1 server on a loopback port that plays a script of responses, delays and connection
/// resets, and records what it received.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<ServerAction> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackServer(params ServerAction[] script)
    {
        foreach (var action in script)
        {
            _script.Enqueue(action);
        }

        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Used when the script is exhausted.</summary>
    public Func<RecordedRequest, ServerAction> Fallback { get; set; } =
        _ => ServerAction.Respond(500, """{"__type":"ScriptExhausted","message":"no scripted response left"}""");

    public IReadOnlyList<RecordedRequest> Received => [.. _received];

    public void Enqueue(ServerAction action) => _script.Enqueue(action);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (!_stop.IsCancellationRequested)
                {
                    var request = await ReadRequestAsync(stream, _stop.Token);
                    if (request is null)
                    {
                        return;
                    }

                    _received.Enqueue(request);
                    var action = _script.TryDequeue(out var next) ? next : Fallback(request);
                    switch (action)
                    {
                        case ResetAction:
                            client.Client.LingerState = new LingerOption(true, 0);
                            client.Client.Close();
                            return;
                        case RespondAction respond:
                            if (respond.Delay > TimeSpan.Zero)
                            {
                                await Task.Delay(respond.Delay, _stop.Token);
                            }

                            await WriteResponseAsync(stream, respond, _stop.Token);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, token);
        return new RecordedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    private static async Task WriteResponseAsync(NetworkStream stream, RespondAction respond, CancellationToken token)
    {
        var body = Encoding.UTF8.GetBytes(respond.Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(respond.Status).Append(" Status\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n");
        if (!respond.Headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Type: application/x-amz-json-1.1\r\n");
        }

        foreach (var (name, value) in respond.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token);
        await stream.WriteAsync(body, token);
        await stream.FlushAsync(token);
    }
}
