using System.Diagnostics;
using System.Text.Json;
using Governance.Testing;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests.Telemetry;

/// <summary>
/// The real bootstrap started as Lambda starts it, against a loopback Runtime API, with every line it writes to
/// stdout kept (log lines and EMF documents), so tests read exactly what CloudWatch Logs would receive.
/// </summary>
internal sealed class BootstrapOutput : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    private BootstrapOutput(LoopbackRuntimeApi api, Process process)
    {
        Api = api;
        _process = process;
    }

    public LoopbackRuntimeApi Api { get; }

    public static async Task<BootstrapOutput> StartAsync(string handler, IReadOnlyDictionary<string, string> environment)
    {
        var api = await LoopbackRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(BootstrapBinary.Resolve(RepositoryRoot.Path))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("GOVERNANCE_", StringComparison.Ordinal) || name.StartsWith("POWERTOOLS_", StringComparison.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        start.Environment["_HANDLER"] = handler;
        start.Environment["GOVERNANCE_CENTRAL_ACCOUNT"] = "123456789012";
        start.Environment["GOVERNANCE_TABLE"] = "governance-ledger";
        start.Environment["GOVERNANCE_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:governance-notifications";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("bootstrap did not start");
        var output = new BootstrapOutput(api, process);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lock (output._gate)
                {
                    output._lines.Add(text);
                }
            }
        };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Every stdout line so far, each parsed; fails the test if one is not a JSON object.</summary>
    public IReadOnlyList<JsonElement> Documents()
    {
        string[] lines;
        lock (_gate)
        {
            lines = [.. _lines];
        }

        return [.. lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        })];
    }

    public IReadOnlyList<JsonElement> LogLines() => [.. Documents().Where(line => line.TryGetProperty("level", out _))];

    public IReadOnlyList<JsonElement> MetricDocuments() => [.. Documents().Where(line => line.TryGetProperty("_aws", out _))];

    /// <summary>Waits until the process has written what the test needs (it writes before posting each result).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition(Documents()))
        {
            Assert.True(DateTime.UtcNow < until, $"the bootstrap did not write the expected lines within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Api.DisposeAsync();
    }
}
