using Governance.Aws;
using Governance.Core.Routing;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace Governance.Functions;

/// <summary>
/// Maps the function's Handler setting (one of <see cref="HandlerNames.All"/>) to the handler that serves it.
/// One bootstrap serves every function; the composition happens here, once, during INIT.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>Builds the handler for <paramref name="handlerName"/> (case-insensitive).</summary>
    /// <param name="services">The flows' and monitors' ports; built from the environment when null.</param>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    /// <exception cref="InvalidOperationException">A setting the handler needs is missing, or its policy/routing file is absent.</exception>
    public static IFunctionHandler Create(
        string handlerName, FunctionSettings settings, ILogger logger, IMetrics metrics, FlowServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var known = HandlerNames.All.FirstOrDefault(name => string.Equals(name, handlerName?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownHandlerException(handlerName, HandlerNames.All);
        if (known == HandlerNames.LineageApi)
        {
            return LineageApiFunction.FromEnvironment(Environment.GetEnvironmentVariable, () => AwsSdkClients.FromEnvironment().DynamoDb(), logger);
        }

        if (known == HandlerNames.LedgerAnchor)
        {
            return LedgerAnchorFunction.Create(settings, AwsSdkClients.FromEnvironment(), logger, metrics);
        }

        var router = new EventRouter(settings.CentralAccountId);
        IDomainHandler handler = known switch
        {
            HandlerNames.RegistrySync => FlowDomainHandler.For(Services(services, settings, known, metrics).SyncFlow()),
            HandlerNames.DeploymentTrigger => FlowDomainHandler.For(Services(services, settings, known, metrics).DeploymentFlow()),
            HandlerNames.PipelineMonitor or HandlerNames.ComplianceMonitor or HandlerNames.AuditTrail =>
                MonitorDomainHandler.For(Metered(services ?? FlowServices.FromEnvironment(settings, known), metrics), settings, known),
            _ => throw new UnknownHandlerException(handlerName, HandlerNames.All),
        };
        return new EventFunction(known, router, logger, metrics, handler);
    }

    private static FlowServices Services(FlowServices? services, FunctionSettings settings, string handler, IMetrics metrics) =>
        Metered(services ?? FlowServices.FromEnvironment(settings, handler), metrics).WithConfiguration(settings, handler);

    // Notifications sent and ledger appends are counted per function at the ports, whichever flow uses them.
    private static FlowServices Metered(FlowServices services, IMetrics metrics) =>
        services with
        {
            Notifier = new MeteredNotifier(services.Notifier, metrics),
            LedgerWriter = new MeteredLedgerWriter(services.LedgerWriter, metrics),
        };
}
