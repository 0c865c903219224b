using System.Text.Json;
using Governance.Core.Flows;
using Governance.Core.Lineage;
using Governance.Core.Monitors;
using Governance.Core.Registry;
using Governance.Core.Routing;
using Governance.Handlers;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Microsoft.Extensions.Logging;
using ModelPackageReader = Governance.Aws.SageMaker.ModelPackageReader;

namespace Governance.Benchmarks.Handlers;

/// <summary>
/// A fresh service over in-memory ports, brought to a <see cref="WorldStage"/> by delivering the earlier events of
/// the model's life through the real functions, with the shipped policy, routing, monitor and scoping files.
/// Every measured invocation gets a world of its own, so it always does the work of a first delivery.
/// </summary>
public sealed class HandlerWorld : IPortFactory
{
    public const string CentralAccount = "123456789012";
    public const string Region = "us-east-1";

    // The execution the SageMaker pipeline sample reports on: DeploymentTrigger's start answers it, so the
    // sample's outcome is linked to the model version, as it is for a deployment the service started.
    private const string SampleExecution = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/myPipeline-123/execution/p4jn9xou8a8s";

    private static readonly Lazy<Configuration> Shipped = new(Configuration.Load);

    private readonly InMemoryLedger _ledger = new();
    private readonly InMemoryEffectStore _claims = new();
    private readonly InMemoryNotifier _notifier = new();
    private readonly InMemoryTeamRegistry _team = new();
    private readonly InMemoryCentralRegistry _central = new(CentralAccount);
    private readonly InMemoryArtifactStore _artifacts = new(Shipped.Value.CentralBucket);
    private readonly FixedExecutionLauncher _launcher = new(PipelineObservations.SageMakerPipeline, "model-deployment", SampleExecution);

    private HandlerWorld(ILogger logger, LambdaMetrics metrics)
    {
        Logger = logger;
        Metrics = metrics;
        _team.Add(Shipped.Value.TeamPackage);
        foreach (var uri in Shipped.Value.TeamArtifacts)
        {
            _artifacts.Put(uri, "bytes of " + uri);
        }
    }

    public ILogger Logger { get; }

    public LambdaMetrics Metrics { get; }

    /// <summary>The functions' settings: made-up resource names, the shipped policy, routing and monitor files.</summary>
    public static IReadOnlyDictionary<string, string> Settings => Shipped.Value.Settings;

    public LedgerPorts Ledger(LedgerOptions options) => new(_ledger, _ledger, _claims, _ledger, _notifier, TimeProvider.System);

    public RegistryPorts Registry(RegistrySyncOptions options) => new(_team, _central, _artifacts);

    public IPipelineLauncher Launcher() => _launcher;

    public Core.Ledger.Anchoring.LedgerAnchoring Anchoring(LedgerAnchorOptions options) =>
        throw new NotSupportedException("the handler benchmarks measure the event-driven functions; LedgerAnchor is not among them");

    /// <summary>Builds the world and delivers the events that come before <paramref name="stage"/>.</summary>
    public static async Task<HandlerWorld> CreateAsync(WorldStage stage, ILineWriter sink)
    {
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("governance", "benchmark", 512, LogLevel.Information), sink, TimeProvider.System).CreateLogger();
        var metrics = new LambdaMetrics(new MetricsOptions("Governance", "governance", "benchmark"), sink, TimeProvider.System);
        var world = new HandlerWorld(logger, metrics);
        if (stage == WorldStage.LineageDemo)
        {
            await LineageDemoLedger.SeedAsync(world._ledger, CancellationToken.None);
            return world;
        }

        if (stage >= WorldStage.Synced)
        {
            await world.DeliverAsync(HandlerNames.RegistrySync, Shipped.Value.TeamApproval);
        }

        if (stage >= WorldStage.Deployed)
        {
            await world.DeliverAsync(HandlerNames.DeploymentTrigger, Shipped.Value.CentralApproval);
        }

        return world;
    }

    /// <summary>The function for <paramref name="handler"/> over this world's ports, composed as the bootstrap composes it.</summary>
    public IFunctionHandler Function(string handler) => handler == HandlerNames.LineageApi
        ? new LineageApiFunction(
            new LineageApi(new LineageService(_ledger, new LineageLocation(CentralAccount, Region), new InMemoryLocationIndex()), Shipped.Value.Scoping, Shipped.Value.PageTokens),
            Logger)
        : FunctionCatalog.Create(handler, name => Settings.GetValueOrDefault(name), Logger, Metrics, this);

    public static InvocationContext Context(string handler) => new(
        "3f7e1c2a-9b8d-4c6e-a5f4-0e1d2c3b4a59",
        $"arn:aws:lambda:{Region}:{CentralAccount}:function:governance-{handler}",
        "Root=1-67ab1234-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0",
        DateTimeOffset.UtcNow.AddMinutes(1),
        "governance-" + handler,
        IsColdStart: false);

    private async Task DeliverAsync(string handler, byte[] payload)
    {
        var context = Context(handler);
        using var invocation = LocalInvocation.Begin(context);
        var response = await Function(handler).HandleAsync(payload, context, CancellationToken.None);
        using var result = JsonDocument.Parse(response);
        if (result.RootElement.GetProperty("outcome").GetString() != "processed")
        {
            throw new InvalidOperationException($"setting up the benchmark world: {handler} did not process its event: {result.RootElement}");
        }
    }

    /// <summary>The shipped configuration files and the project's fixtures, read once per process.</summary>
    private sealed record Configuration(
        IReadOnlyDictionary<string, string> Settings,
        ScopingPolicy Scoping,
        ScopedPageTokens PageTokens,
        ModelPackage TeamPackage,
        IReadOnlyList<string> TeamArtifacts,
        string CentralBucket,
        byte[] TeamApproval,
        byte[] CentralApproval)
    {
        public static Configuration Load()
        {
            var root = RepositoryRoot.Path;
            string Config(string file) => Path.Combine(root, "config", file);
            string Fixture(string file) => Path.Combine(root, "benchmarks", "Governance.Benchmarks", "Handlers", "Fixtures", file);

            var bucket = "governance-central-models-" + CentralAccount;
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SettingNames.CentralAccount] = CentralAccount,
                [SettingNames.Table] = "governance-ledger",
                [SettingNames.TopicArn] = $"arn:aws:sns:{Region}:{CentralAccount}:governance-notifications",
                [SettingNames.ModelBucket] = bucket,
                [SettingNames.ReaderRole] = "GovernanceModelReader",
                [SettingNames.PolicyPath] = Config("policy.json"),
                [SettingNames.RoutingPath] = Config("routing.json"),
                [SettingNames.MonitorsPath] = Config("monitors.json"),
            };
            using var described = JsonDocument.Parse(File.ReadAllBytes(Fixture("team-package.json")));
            var package = ModelPackageReader.Read(described.RootElement);
            var secret = Enumerable.Range(1, ScopedPageTokens.MinimumKeyBytes).Select(value => (byte)value).ToArray();
            return new Configuration(
                settings,
                ScopingPolicy.Parse(File.ReadAllText(Config("scoping.json"))),
                new ScopedPageTokens(ScopedPageTokens.DeriveKey(secret, "lineage-api-scope")),
                package,
                [.. package.Artifacts.Select(artifact => artifact.Uri)],
                bucket,
                File.ReadAllBytes(Fixture("team-approved.json")),
                File.ReadAllBytes(Fixture("central-approved.json")));
        }
    }
}
