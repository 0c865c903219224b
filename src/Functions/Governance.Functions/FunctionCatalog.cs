using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;

namespace Governance.Functions;

/// <summary>
/// Maps the function's Handler setting to the handler that serves it. One bootstrap serves every
/// function; template.yaml sets Handler to one of <see cref="HandlerNames"/>.
/// </summary>
public static class FunctionCatalog
{
    public const string RegistrySync = "RegistrySync";
    public const string DeploymentTrigger = "DeploymentTrigger";
    public const string PipelineMonitor = "PipelineMonitor";
    public const string ComplianceMonitor = "ComplianceMonitor";
    public const string AuditTrail = "AuditTrail";
    public const string LineageApi = "LineageApi";

    public static IReadOnlyList<string> HandlerNames { get; } =
        [RegistrySync, DeploymentTrigger, PipelineMonitor, ComplianceMonitor, AuditTrail, LineageApi];

    /// <summary>Builds the handler for <paramref name="handlerName"/> (exact name, case-insensitive).</summary>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    public static IFunctionHandler Create(string handlerName, LambdaLogger logger, LambdaMetrics metrics)
    {
        var known = HandlerNames.FirstOrDefault(name => string.Equals(name, handlerName?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownHandlerException(handlerName, HandlerNames);
        return new NotYetRoutedHandler(known, logger, metrics);
    }
}
