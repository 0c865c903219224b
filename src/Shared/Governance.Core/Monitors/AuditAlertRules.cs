using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>Why an audited call raises <c>audit.alert</c>.</summary>
public enum AuditAlertRule
{
    /// <summary>An endpoint created or updated by a principal outside the configured deployment roles.</summary>
    EndpointOutsideDeploymentRoles,

    /// <summary>A model version's approval status changed by a principal outside the configured approvers.</summary>
    ApprovalOutsideApprovers,

    /// <summary>A model package deleted while an endpoint runs it.</summary>
    DeployedPackageDeleted,

    /// <summary>A call on a governed resource refused with AccessDenied.</summary>
    AccessDenied,
}

/// <summary>One alert rule that fired, with its reason in words.</summary>
public sealed record AuditAlert(AuditAlertRule Rule, string Reason);

/// <summary>
/// The four out-of-band rules. Only <see cref="AuditAlertRule.AccessDenied"/> looks at failed calls; the others
/// concern calls that changed something.
/// </summary>
public sealed class AuditAlertRules(MonitorSettings settings, ILedgerReader reader)
{
    private readonly DeploymentGraph _graph = new(reader);

    public async Task<IReadOnlyList<AuditAlert>> EvaluateAsync(CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        if (call.ErrorCode is not null)
        {
            return CloudTrailFields.IsAccessDenied(call.ErrorCode)
                ? [new AuditAlert(AuditAlertRule.AccessDenied, "access denied (" + call.ErrorCode + ") on governed resource " + target.Subject.Id)]
                : [];
        }

        var callers = CloudTrailFields.CallerArns(call.UserIdentity);
        switch (call.EventName)
        {
            case "CreateEndpoint" or "UpdateEndpoint" when call.EventSource == "sagemaker.amazonaws.com" && !settings.IsDeploymentRole(callers):
                return [new AuditAlert(
                    AuditAlertRule.EndpointOutsideDeploymentRoles,
                    "endpoint " + (call.EventName == "CreateEndpoint" ? "created" : "updated") + " by a principal outside the deployment roles")];
            case "UpdateModelPackage" when CloudTrailFields.Text(call.RequestParameters, "modelApprovalStatus") is { } status && !settings.IsApprover(callers):
                return [new AuditAlert(
                    AuditAlertRule.ApprovalOutsideApprovers,
                    "approval status set to " + status + " by a principal outside the approvers")];
            case "DeleteModelPackage" when ModelPackages.IsPackage(target.Subject):
                var endpoints = await _graph.EndpointsRunningAsync(target.Subject, cancellationToken).ConfigureAwait(false);
                return endpoints.Count == 0
                    ? []
                    : [new AuditAlert(
                        AuditAlertRule.DeployedPackageDeleted,
                        "deleted model version is deployed on " + string.Join(", ", endpoints.Select(endpoint => endpoint.Id)))];
            default:
                return [];
        }
    }
}
