namespace Governance.Core.Routing;

/// <summary>The Lambda handlers events are routed to (also the functions' Handler settings).</summary>
public static class HandlerNames
{
    public const string RegistrySync = "RegistrySync";
    public const string DeploymentTrigger = "DeploymentTrigger";
    public const string PipelineMonitor = "PipelineMonitor";
    public const string ComplianceMonitor = "ComplianceMonitor";
    public const string AuditTrail = "AuditTrail";
    public const string LineageApi = "LineageApi";
    public const string LedgerAnchor = "LedgerAnchor";

    public static IReadOnlyList<string> All { get; } =
        [RegistrySync, DeploymentTrigger, PipelineMonitor, ComplianceMonitor, AuditTrail, LineageApi, LedgerAnchor];
}
