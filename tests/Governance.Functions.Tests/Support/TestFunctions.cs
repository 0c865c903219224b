using Governance.Core.Flows;
using Governance.Core.Ledger.Anchoring;
using Governance.Handlers;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Local.Ports;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Support;

public static class TestFunctions
{
    public const string CentralAccount = "123456789012";

    /// <summary>The in-memory functions' settings: made-up table, topic, bucket and role names, the shipped policy, routing and monitor files.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.CentralAccount] = CentralAccount,
        [SettingNames.Table] = "governance-ledger",
        [SettingNames.TopicArn] = $"arn:aws:sns:us-east-1:{CentralAccount}:governance",
        [SettingNames.ModelBucket] = "governance-models",
        [SettingNames.ReaderRole] = "GovernanceModelReader",
    };

    /// <summary>The function composed as the bootstrap composes it, over in-memory ports.</summary>
    public static (IFunctionHandler Function, LineCapture Lines) Create(string handler) => Create(handler, name => Settings.GetValueOrDefault(name));

    public static (IFunctionHandler Function, LineCapture Lines) Create(string handler, Func<string, string?> settings)
    {
        var lines = new LineCapture();
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", handler, 512, LogLevel.Debug), lines, TimeProvider.System).CreateLogger();
        var metrics = new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", handler), lines, TimeProvider.System);
        return (FunctionCatalog.Create(handler, settings, logger, metrics, new InMemoryPorts()), lines);
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

/// <summary>Every port a composition asks for as an in-memory fake, over one ledger.</summary>
internal sealed class InMemoryPorts : IPortFactory
{
    private readonly InMemoryLedger _ledger = new();
    private readonly InMemoryCentralRegistry _central = new();

    public LedgerPorts Ledger(LedgerOptions options) =>
        new(_ledger, _ledger, new InMemoryEffectStore(), _ledger, new InMemoryNotifier(), TimeProvider.System);

    public RegistryPorts Registry(RegistrySyncOptions options) =>
        new(new InMemoryTeamRegistry(), _central, new InMemoryArtifactStore());

    public IPipelineLauncher Launcher() => new InMemoryPipelineLauncher();

    public ICentralRegistry CentralRegistry() => _central;

    public LedgerAnchoring Anchoring(LedgerAnchorOptions options) =>
        throw new NotSupportedException("LedgerAnchor has no in-memory ports: its tests run on the emulator");
}

/// <summary>What a test changes in the ports a composition gets (fault injection, a replaced adapter).</summary>
internal sealed record PortOverrides
{
    public Func<LedgerPorts, LedgerPorts>? Ledger { get; init; }

    public Func<RegistryPorts, RegistryPorts>? Registry { get; init; }

    public Func<IPipelineLauncher, IPipelineLauncher>? Launcher { get; init; }

    public Func<ICentralRegistry, ICentralRegistry>? Central { get; init; }
}

/// <summary>The ports of <paramref name="inner"/> with the <paramref name="overrides"/> applied.</summary>
internal sealed class OverriddenPorts(IPortFactory inner, PortOverrides overrides) : IPortFactory
{
    public LedgerPorts Ledger(LedgerOptions options) => Apply(overrides.Ledger, inner.Ledger(options));

    public RegistryPorts Registry(RegistrySyncOptions options) => Apply(overrides.Registry, inner.Registry(options));

    public IPipelineLauncher Launcher() => Apply(overrides.Launcher, inner.Launcher());

    public ICentralRegistry CentralRegistry() => Apply(overrides.Central, inner.CentralRegistry());

    public LedgerAnchoring Anchoring(LedgerAnchorOptions options) => inner.Anchoring(options);

    private static T Apply<T>(Func<T, T>? change, T ports) => change is null ? ports : change(ports);
}
