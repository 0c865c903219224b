using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// A moto_server (the AWS emulator) on a loopback port for adapter and end-to-end tests. When
/// <c>GOVERNANCE_TEST_MOTO_ENDPOINT</c> is set (./test starts one server for the whole run) that server is
/// used; otherwise this fixture starts its own on a free port and stops it on dispose. Tests isolate
/// themselves by unique resource names, never by resetting the emulator.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string EndpointVariable = "GOVERNANCE_TEST_MOTO_ENDPOINT";

    /// <summary>The account moto acts as for the static test credentials.</summary>
    public const string DefaultAccountId = "123456789012";

    public const string Region = "us-east-1";
    public const string AccessKeyId = "testing";
    public const string SecretAccessKey = "testing";

    private readonly IReadOnlyDictionary<string, string>? _environment;
    private Process? _process;

    /// <summary>The shared server: <c>GOVERNANCE_TEST_MOTO_ENDPOINT</c> when set, else one of its own.</summary>
    public MotoServer()
    {
    }

    private MotoServer(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>
    /// A server of its own (never the shared one) started with extra environment variables, e.g.
    /// <c>INITIAL_NO_AUTH_ACTION_COUNT</c> to have moto enforce IAM. Call <see cref="InitializeAsync"/> to start it.
    /// </summary>
    public static MotoServer WithEnvironment(IReadOnlyDictionary<string, string> environment) =>
        new(environment ?? throw new ArgumentNullException(nameof(environment)));

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EndpointVariable);
        if (_environment is null && !string.IsNullOrWhiteSpace(configured))
        {
            Endpoint = new Uri(configured);
            await WaitUntilReadyAsync(Endpoint, TimeSpan.FromSeconds(30));
            return;
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "moto_server is not on PATH: run ./test (it installs moto[server]) or `pip install \"moto[server]\"`", e);
        }

        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        await WaitUntilReadyAsync(Endpoint, TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A name unique to this run, for tables, topics, buckets and groups.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, prefix.Length + 33)];

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilReadyAsync(Uri endpoint, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                // Any HTTP answer means the server is up. (/moto-api/data.json would dump the whole emulator
                // state, which takes long once earlier tests have filled it.)
                using var response = await http.GetAsync(endpoint);
                return;
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (TaskCanceledException e)
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"moto_server at {endpoint} did not answer within {timeout}", last);
    }
}
