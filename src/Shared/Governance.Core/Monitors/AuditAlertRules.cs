using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Notifications;

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

    /// <summary>The deployment machinery (pipeline, build project, deployment stack) changed by a principal outside the platform roles.</summary>
    MachineryChangedOutsidePlatformRoles,
}

/// <summary>
/// One alert rule that fired, with its reason in words. <paramref name="Severity"/> follows the stage of the account
/// the call acted in; null outside the governed scopes: then the finding is recorded on the audit trail, not alerted.
/// </summary>
public sealed record AuditAlert(AuditAlertRule Rule, string Reason, Severity? Severity = null, string? Stage = null)
{
    public bool IsAlerted => Severity is not null;
}

/// <summary>
/// The out-of-band rules, each finding placed in its scope (<see cref="AlertScopes"/>): an alert in the central
/// account and the declared stages, with the stage's severity; a recorded finding elsewhere. Only
/// <see cref="AuditAlertRule.AccessDenied"/> looks at failed calls; the others concern calls that changed something.
/// An approval status change is judged only in the central registry: a team approving its own package is the
/// normal start of the governed path.
/// </summary>
public sealed class AuditAlertRules(MonitorSettings settings, ILedgerReader reader, string centralAccount)
{
    private readonly DeploymentGraph _graph = new(reader);

    public async Task<IReadOnlyList<AuditAlert>> EvaluateAsync(CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        var severity = settings.Scopes.SeverityIn(target.Account, centralAccount);
        var stage = settings.Scopes.StageOf(target.Account, centralAccount);
        return [.. (await FindingsAsync(call, target, cancellationToken).ConfigureAwait(false)).Select(alert => alert with { Severity = severity, Stage = stage })];
    }

    // Answering a pipeline's manual approval is an approver's job; every other change is the platform's. AWS services
    // acting on their own (a pipeline started by its source change, a stack updated by a StackSet) are the platform too.
    private bool MayChangeMachinery(CloudTrailApiCall call, IReadOnlyList<string> callers) =>
        settings.IsDeploymentRole(callers) || settings.ChangeManagement.IsPlatformRole(callers)
        || call.UserIdentity?.Type == "AWSService"
        || (call.EventName == "PutApprovalResult" && settings.IsApprover(callers));

    private async Task<IReadOnlyList<AuditAlert>> FindingsAsync(CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
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
            case "UpdateModelPackage" when CloudTrailFields.Text(call.RequestParameters, "modelApprovalStatus") is { } status
                && string.Equals(target.Account, centralAccount, StringComparison.Ordinal) && !settings.IsApprover(callers):
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
                return target.Subject.Type == NodeTypes.DeploymentResource && !CloudTrailFields.IsReadOnly(call) && !MayChangeMachinery(call, callers)
                    ? [new AuditAlert(
                        AuditAlertRule.MachineryChangedOutsidePlatformRoles,
                        call.EventName + " on deployment machinery " + target.Subject.Id + " by a principal outside the platform roles")]
                    : [];
        }
    }
}
