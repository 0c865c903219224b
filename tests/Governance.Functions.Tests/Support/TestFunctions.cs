using Governance.Hosting;
using Governance.Testing.Flows;
using Governance.Testing.Ledger;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Support;

public static class TestFunctions
{
    public const string CentralAccount = "123456789012";

    public static (IFunctionHandler Function, LineCapture Lines) Create(string handler)
    {
        var lines = new LineCapture();
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", handler, 512, LogLevel.Debug), lines, TimeProvider.System).CreateLogger();
        var metrics = new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", handler), lines, TimeProvider.System);
        return (FunctionCatalog.Create(handler, new FunctionSettings(CentralAccount), logger, metrics, InMemoryServices()), lines);
    }

    /// <summary>The flows' ports as in-memory fakes (policy and routing from the shipped config files).</summary>
    public static FlowServices InMemoryServices()
    {
        var ledger = new InMemoryLedger();
        return new FlowServices(
            new InMemoryTeamRegistry(), new InMemoryCentralRegistry(), new InMemoryArtifactStore(), new InMemoryPipelineLauncher(), new InMemoryNotifier(),
            ledger, ledger, new InMemoryIdempotencyStore(), TimeProvider.System);
    }

    public static InvocationContext Context(string handler) => new(
        Guid.NewGuid().ToString(),
        $"arn:aws:lambda:us-east-1:{CentralAccount}:function:{handler}",
        null,
        DateTimeOffset.UtcNow.AddMinutes(1),
        handler,
        false);

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", name));
}
