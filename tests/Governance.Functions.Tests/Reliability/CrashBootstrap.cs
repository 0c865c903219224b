using System.Collections.Concurrent;
using System.Diagnostics;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// The real <c>bootstrap</c> (as Lambda starts it) serving a <see cref="LoopbackRuntimeApi"/>, configured for a
/// <see cref="FaultsHarness"/>'s bed, with every AWS call going through the harness's proxy.
/// </summary>
internal sealed class CrashBootstrap : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    private CrashBootstrap(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail => string.Join("\n", _lines.TakeLast(20));

    public static CrashBootstrap Start(LoopbackRuntimeApi api, FaultsHarness harness, string handler)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(harness);
        var bed = harness.Bed;
        var start = new ProcessStartInfo(BootstrapBinary.Resolve(RepositoryRoot.Path))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        foreach (var name in environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal) || key.StartsWith("GOVERNANCE_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }

        environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        environment["_HANDLER"] = handler;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = handler;
        environment["AWS_REGION"] = MotoServer.Region;
        environment["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey;
        environment["AWS_ENDPOINT_URL"] = harness.Proxy.Endpoint.ToString().TrimEnd('/');
        environment["GOVERNANCE_CENTRAL_ACCOUNT"] = FlowBed.CentralAccount;
        environment["GOVERNANCE_TABLE"] = bed.Table;
        environment["GOVERNANCE_TOPIC_ARN"] = bed.TopicArn;
        environment["GOVERNANCE_MODEL_BUCKET"] = bed.CentralBucket;
        environment["GOVERNANCE_READER_ROLE"] = FlowBed.ReaderRole;
        environment["GOVERNANCE_ROUTING_PATH"] = RoutingFile(bed);
        environment["POWERTOOLS_LOG_LEVEL"] = "INFO";

        var process = Process.Start(start) ?? throw new InvalidOperationException("bootstrap did not start");
        var bootstrap = new CrashBootstrap(process);
        process.OutputDataReceived += (_, line) => bootstrap.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bootstrap.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bootstrap;
    }

    /// <summary>Kills the process and everything it started, as Lambda's sandbox dying would.</summary>
    public void Kill()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > 200 && _lines.TryDequeue(out _))
        {
        }
    }

    /// <summary>The bed's routing (every group to its SageMaker pipeline) as a file next to the test output.</summary>
    private static string RoutingFile(FlowBed bed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"governance-routing-{bed.Pipeline}.json");
        File.WriteAllText(path, "{\"version\":1,\"routes\":[{\"name\":\"all\",\"match\":{\"groupPattern\":\"*\"},\"target\":{\"type\":\"sageMakerPipeline\",\"pipelineName\":\"" + bed.Pipeline + "\"}}]}");
        return path;
    }
}
