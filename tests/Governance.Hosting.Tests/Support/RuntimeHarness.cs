using Governance.Local.Lambda;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Tests.Support;

/// <summary>
/// The runtime loop running in the background against a <see cref="LoopbackRuntimeApi"/>, with log and metric
/// lines captured. Disposing stops the loop (as SIGTERM would) and the server.
/// </summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    public const string FunctionName = "governance-audit";
    public const string ServiceName = "governance-tests";
    public const string MetricsNamespace = "GovernanceTests";

    private readonly CancellationTokenSource _stop = new();

    private RuntimeHarness(LoopbackRuntimeApi api, LambdaRuntimeOptions options, CapturingLineWriter output)
    {
        Api = api;
        Options = options;
        Output = output;
    }

    public LoopbackRuntimeApi Api { get; }

    public LambdaRuntimeOptions Options { get; }

    public CapturingLineWriter Output { get; }

    public Task<int> Run { get; private set; } = Task.FromResult(0);

    public static async Task<RuntimeHarness> StartAsync(
        Func<string, LambdaRuntimeOptions, IFunctionHandler> createHandler,
        Func<LambdaRuntimeOptions, LambdaRuntimeOptions>? configure = null,
        string handlerName = "AuditTrail")
    {
        var api = await LoopbackRuntimeApi.StartAsync();
        var output = new CapturingLineWriter();
        var time = TimeProvider.System;
        var options = new LambdaRuntimeOptions
        {
            RuntimeApi = api.HostAndPort,
            HandlerName = handlerName,
            FunctionName = FunctionName,
            Logging = new PowertoolsLoggerProvider(new LoggerOptions(ServiceName, FunctionName, 512, LogLevel.Debug), output, time),
            Metrics = new LambdaMetrics(new MetricsOptions(MetricsNamespace, ServiceName, FunctionName), output, time),
            RuntimeApiRetry = new RetryPolicy(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)),
        };
        options = configure?.Invoke(options) ?? options;
        var harness = new RuntimeHarness(api, options, output);
        harness.Run = Task.Run(() => LambdaRuntime.RunAsync(name => createHandler(name, options), options, harness._stop.Token));
        return harness;
    }

    public static Task<RuntimeHarness> StartAsync(IFunctionHandler handler, Func<LambdaRuntimeOptions, LambdaRuntimeOptions>? configure = null) =>
        StartAsync((_, _) => handler, configure);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        await Api.DisposeAsync();
        _stop.Dispose();
    }
}
