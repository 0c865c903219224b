using Governance.Aws.SageMaker;
using Governance.Core.Flows;
using Governance.Core.Monitors;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Handlers.Settings;

namespace Governance.Handlers.Composition;

/// <summary>
/// One composition per handler, built once at INIT: its typed settings (read and checked, every problem listed)
/// and exactly the ports it uses.
/// </summary>
public static class HandlerComposition
{
    /// <summary>The domain handler of an event-driven function, and the central account its router needs.</summary>
    /// <exception cref="SettingsException">The handler's settings cannot be used.</exception>
    public static (IDomainHandler Handler, string CentralAccount) Build(string handler, Func<string, string?> settings, IPortFactory ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        switch (handler)
        {
            case HandlerNames.RegistrySync:
                var sync = RegistrySyncOptions.Read(settings);
                return (RegistrySync(sync, ports.Ledger(sync.Ledger), ports.Registry(sync)), sync.Ledger.CentralAccount);
            case HandlerNames.DeploymentTrigger:
                var trigger = DeploymentTriggerOptions.Read(settings);
                return (DeploymentTrigger(trigger, ports.Ledger(trigger.Ledger), ports.Launcher()), trigger.Ledger.CentralAccount);
            case HandlerNames.PipelineMonitor or HandlerNames.ComplianceMonitor or HandlerNames.AuditTrail:
                var monitor = MonitorOptions.Read(settings, handler);
                return (Monitor(handler, monitor, ports.Ledger(monitor.Ledger)), monitor.Ledger.CentralAccount);
            default:
                throw new ArgumentException($"{handler} is not an event-driven handler", nameof(handler));
        }
    }

    public static RegistrySyncFlow RegistrySync(RegistrySyncOptions options, LedgerPorts ledger, RegistryPorts registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(registry);
        return new RegistrySyncFlow(new RegistrySyncPorts(registry.Team, registry.Central, registry.Artifacts, options.Policy, ledger.Effects()));
    }

    public static DeploymentTriggerFlow DeploymentTrigger(DeploymentTriggerOptions options, LedgerPorts ledger, IPipelineLauncher launcher)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        return new DeploymentTriggerFlow(new DeploymentTriggerPorts(ledger.Reader, launcher, options.Routing, ledger.Effects(), ModelPackageReader.Instance));
    }

    public static IDomainHandler Monitor(string handler, MonitorOptions options, LedgerPorts ledger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        var packages = new ModelPackages(ledger.Reader, options.Ledger.CentralAccount);
        return handler switch
        {
            HandlerNames.PipelineMonitor => new PipelineMonitor(ledger.Effects(), ledger.Reader, packages),
            HandlerNames.ComplianceMonitor => new ComplianceMonitor(ledger.Effects(), ledger.Reader, packages, options.Monitors),
            HandlerNames.AuditTrail => new AuditTrail(ledger.Effects(), ledger.Reader, packages, options.Monitors),
            _ => throw new ArgumentException($"{handler} is not a monitoring handler", nameof(handler)),
        };
    }
}
