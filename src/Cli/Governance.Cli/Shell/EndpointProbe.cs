using System.Net.Sockets;

namespace Governance.Cli.Shell;

/// <summary>
/// Checks, before a command starts, that the AWS endpoint it was pointed at (<c>--endpoint</c> or
/// <c>AWS_ENDPOINT_URL</c>) is a URL and accepts connections, so a dead emulator or a typo fails in seconds
/// with the fix instead of after the SDK's minutes of retries.
/// </summary>
public static class EndpointProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The endpoint the command line names, else the <c>AWS_ENDPOINT_URL</c> setting; null for AWS itself.</summary>
    public static string? Endpoint(IReadOnlyList<string> args, Func<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(settings);
        for (var i = args.Count - 2; i >= 0; i--)
        {
            if (args[i] == "--endpoint")
            {
                return args[i + 1];
            }
        }

        return settings("AWS_ENDPOINT_URL") is { Length: > 0 } endpoint ? endpoint : null;
    }

    /// <summary>Null when the endpoint answers; otherwise what is wrong and how to fix it.</summary>
    public static async Task<string?> ProblemAsync(string endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return $"the endpoint '{endpoint}' is not an http(s) URL: give one like http://127.0.0.1:5000 with --endpoint or AWS_ENDPOINT_URL";
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the endpoint {endpoint} did not accept a connection within {Timeout.TotalSeconds:0} s: check --endpoint or AWS_ENDPOINT_URL";
        }
        catch (SocketException e)
        {
            var fix = uri.IsLoopback
                ? "is the emulator running? start it with 'governance local up' (then use --local), or fix --endpoint / AWS_ENDPOINT_URL"
                : "check --endpoint / AWS_ENDPOINT_URL and your network";
            return $"cannot reach {endpoint} ({Reason(e)}): {fix}";
        }
    }

    private static string Reason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "unknown host",
        _ => e.Message,
    };
}
