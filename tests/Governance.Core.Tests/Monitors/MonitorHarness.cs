using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Core.Tests.Monitors;

/// <summary>What a monitor answered for one event, and the notifications that delivery published.</summary>
internal sealed record MonitorOutcome(ProcessingResult Result, IReadOnlyList<Notification> Notifications);

/// <summary>The three monitors over one in-memory ledger, configured from the repository's config/monitors.json.</summary>
internal sealed class MonitorHarness
{
    public const string CentralAccount = "999988887777";
    public const string TeamAccount = "555566667777";
    public const string CentralPackageArn = "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/12";

    public MonitorHarness()
    {
        Clock = new ManualClock(new DateTimeOffset(2024, 6, 6, 0, 0, 0, TimeSpan.Zero));
        Ledger = new InMemoryLedger(Clock);
        Settings = MonitorSettingsLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")));
        Packages = new ModelPackages(Ledger, CentralAccount);
        Pipeline = new PipelineMonitor(Effects(), Ledger, Packages);
        Compliance = new ComplianceMonitor(Effects(), Ledger, Packages, Settings);
        Audit = new AuditTrail(Effects(), Ledger, Packages, Settings);
    }

    public InMemoryEffectStore Claims { get; } = new();

    public InMemoryNotifier Notifier { get; } = new();

    public ModelPackages Packages { get; }

    public ManualClock Clock { get; }

    public InMemoryLedger Ledger { get; }

    public MonitorSettings Settings { get; }

    public PipelineMonitor Pipeline { get; }

    public ComplianceMonitor Compliance { get; }

    public AuditTrail Audit { get; }

    public static NodeRef CentralPackage { get; } = new(NodeTypes.CentralPackage, CentralPackageArn);

    public static ParsedEvent Fixture(string name) => Parse(File.ReadAllBytes(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", name)));

    /// <summary>A fixture with one change applied (another principal, another id), for the variants of a rule.</summary>
    public static ParsedEvent FixtureWith(string name, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", name)))!.AsObject();
        change(node);
        return Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    /// <summary>Replays fixtures through the audit trail in the order given.</summary>
    public async Task<IReadOnlyList<MonitorOutcome>> AuditAsync(params string[] names)
    {
        var outcomes = new List<MonitorOutcome>();
        foreach (var name in names)
        {
            outcomes.Add(await HandleAsync(Audit, Fixture(name), CancellationToken.None));
        }

        return outcomes;
    }

    /// <summary>The effect ledger the monitors act through; <paramref name="writer"/> (e.g. a wrapper of <see cref="Ledger"/>) replaces the ledger's writes.</summary>
    public EffectLedger Effects(ILedgerWriter? writer = null, INotifier? notifier = null) =>
        new(writer ?? Ledger, Claims, Ledger, notifier ?? Notifier, Clock);

    /// <summary>One delivery to a monitor, with the invocation's deadline five minutes ahead of the clock.</summary>
    public async Task<MonitorOutcome> HandleAsync(IDomainHandler monitor, ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var before = Notifier.Published.Count;
        var result = await monitor.HandleAsync(parsed, Clock.GetUtcNow().AddMinutes(5), cancellationToken);
        return new MonitorOutcome(result, [.. Notifier.Published.Skip(before)]);
    }

    public static ParsedEvent Shared(string relativePath) => Parse(File.ReadAllBytes(SharedFolder.Combine("events", relativePath)));

    public static ParsedEvent Parse(byte[] bytes) => Assert.IsType<ParsedEvent>(EventParser.Parse(bytes));

    /// <summary>What DeploymentTrigger records when it starts an execution: the execution node and the deployed-by edge.</summary>
    public async Task LinkExecutionAsync(string executionId)
    {
        var execution = new NodeRef(NodeTypes.PipelineExecution, executionId);
        await Ledger.RecordNodeAsync(new LedgerNode(CentralPackage, CentralAccount, "fraud-detector",
            new Dictionary<string, string> { [ModelPackages.TeamAttribute] = "fraud", [ModelPackages.SourceAccountAttribute] = TeamAccount },
            Clock.GetUtcNow()), CancellationToken.None);
        await Ledger.RecordEdgeAsync(new LedgerEdge(CentralPackage, Relations.DeployedBy, execution, Clock.GetUtcNow(), "trigger-1"), CancellationToken.None);
    }

    public async Task<IReadOnlyList<LedgerRecord>> TimelineAsync(NodeRef subject) =>
        (await Ledger.GetTimelineAsync(subject, new PageRequest(PageRequest.MaxPageSize), CancellationToken.None)).Items;
}
