using Governance.Core.Effects;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Ledger.Anchoring;

namespace Governance.Handlers.Composition;

/// <summary>What every event-driven handler acts through: the ledger, the effect claims, the outbox and the notifier.</summary>
public sealed record LedgerPorts(ILedgerWriter Writer, ILedgerReader Reader, IEffectStore Claims, IOutbox Outbox, INotifier Notifier, TimeProvider Time)
{
    /// <summary>The one way the handler's flow or monitor acts on the world.</summary>
    public EffectLedger Effects() => new(Writer, Claims, Outbox, Notifier, Time);
}

/// <summary>What RegistrySync reads and writes besides the ledger: the team registries, the central registry, the central bucket.</summary>
public sealed record RegistryPorts(ITeamRegistry Team, ICentralRegistry Central, IArtifactStore Artifacts);

/// <summary>
/// Builds the ports a handler's composition asks for, and only those: the AWS adapters in Lambda and the CLI
/// (<see cref="AwsPortFactory"/>), fakes or wrapped adapters in tests and benchmarks.
/// </summary>
public interface IPortFactory
{
    LedgerPorts Ledger(Settings.LedgerOptions options);

    RegistryPorts Registry(Settings.RegistrySyncOptions options);

    IPipelineLauncher Launcher();

    /// <summary>The central model registry (DeploymentTrigger re-reads a package's status there).</summary>
    ICentralRegistry CentralRegistry();

    /// <summary>What LedgerAnchor (and <c>governance ledger anchor</c>) anchors the ledger with.</summary>
    LedgerAnchoring Anchoring(Settings.LedgerAnchorOptions options);
}
