using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>Kinds and attribute names of the records the audit trail appends.</summary>
public static class AuditKinds
{
    /// <summary>Prefix of an audit record's kind: <c>audit.&lt;eventName&gt;</c>.</summary>
    public const string Prefix = "audit.";

    public const string ErrorCodeAttribute = "errorCode";

    /// <summary>Audit record attribute of a successful CreateEndpoint/UpdateEndpoint: the endpoint config ARN it deploys.</summary>
    public const string EndpointConfigAttribute = "endpointConfig";

    /// <summary>
    /// Audit record attribute of a successful SageMaker call that builds the deployment graph: the ids of the nodes
    /// it makes its resource use (space-separated), the chained evidence of its used-by edges.
    /// </summary>
    public const string UsesAttribute = "uses";

    /// <summary>Record attribute of a change to the deployment machinery: the routes that start the pipeline (comma-separated).</summary>
    public const string RoutesAttribute = "routes";

    /// <summary>Appended to a deployment resource's chain when AWS Config records a new state of it.</summary>
    public const string ConfigurationChanged = "change.configuration";

    /// <summary>Appended to a model version's chain when an endpoint starts running it.</summary>
    public const string EndpointDeployed = "deployment.endpoint";

    /// <summary>Appended to a model version's chain when the endpoint running it is deleted.</summary>
    public const string EndpointDeleted = "deployment.endpoint-deleted";

    public static string Of(string eventName) => Prefix + eventName;

    /// <summary>True for the audit record of a DeleteEndpoint call that succeeded.</summary>
    public static bool IsSuccessfulEndpointDeletion(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Kind == Of("DeleteEndpoint") && !record.Attributes.ContainsKey(ErrorCodeAttribute);
    }

    /// <summary>True for the audit record of a CreateEndpoint or UpdateEndpoint call that succeeded.</summary>
    public static bool IsSuccessfulEndpointDeployment(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (record.Kind == Of("CreateEndpoint") || record.Kind == Of("UpdateEndpoint")) && !record.Attributes.ContainsKey(ErrorCodeAttribute);
    }
}
