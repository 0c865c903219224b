using Governance.Core.Events;
using Governance.Core.Monitors;

namespace Governance.Core.Routing;

/// <summary>
/// Maps a parsed event to the handler that owns it, or to "ignored" with a reason. Never throws.
/// </summary>
/// <remarks>
/// Model package events are attributed to the account in <see cref="ModelPackageStateChange.ModelPackageArn"/>:
/// that is where the package lives and where a team reader role must be assumed. The envelope <c>account</c> is
/// only the account whose bus emitted the event; AWS samples show the two can differ, and a forwarded or
/// hand-built event could carry any envelope account.
/// </remarks>
public sealed class EventRouter
{
    private static readonly HashSet<string> GovernedCloudTrailSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "sagemaker.amazonaws.com",
        "iam.amazonaws.com",
        "s3.amazonaws.com",
        "codepipeline.amazonaws.com",
        "codebuild.amazonaws.com",
        "cloudformation.amazonaws.com",
    };

    public EventRouter(string centralAccountId)
    {
        if (!AccountId.IsValid(centralAccountId))
        {
            throw new ArgumentException("The central account id must be 12 digits.", nameof(centralAccountId));
        }

        CentralAccountId = centralAccountId;
    }

    /// <summary>The governance (shared-services) account hosting the central model registry.</summary>
    public string CentralAccountId { get; }

    public RouteDecision Route(ParsedEvent parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.Detail switch
        {
            ModelPackageStateChange change => RouteModelPackage(change),
            PipelineExecutionStatusChange change => RouteDecision.To(
                HandlerNames.PipelineMonitor, $"SageMaker pipeline execution {change.CurrentStatus}"),
            PipelineStepStatusChange change => RouteDecision.To(
                HandlerNames.PipelineMonitor, $"SageMaker pipeline step {change.StepName} {change.CurrentStatus}"),
            CodePipelineStateChange change => RouteDecision.To(
                HandlerNames.PipelineMonitor, $"{parsed.Envelope.DetailType} {change.State} for pipeline {change.Pipeline}"),
            ConfigRulesComplianceChange change => RouteDecision.To(
                HandlerNames.ComplianceMonitor, $"Config rule {change.ConfigRuleName} {change.NewEvaluation.ComplianceType} for {change.ResourceType} {change.ResourceId}"),
            ConfigurationItemChange change => DeploymentMachinery.IsMachineryType(change.ResourceType)
                ? RouteDecision.To(HandlerNames.ComplianceMonitor, $"Config recorded a change of {change.ResourceType} {change.ResourceId}")
                : RouteDecision.Ignore($"Config recorded a change of {change.ResourceType} {change.ResourceId}, which is not deployment machinery"),
            CloudTrailApiCall call => RouteCloudTrail(call),
            _ => RouteDecision.Ignore(
                $"{parsed.Envelope.DetailType} from {parsed.Envelope.Source} is not an event the governance service handles"),
        };
    }

    private RouteDecision RouteModelPackage(ModelPackageStateChange change)
    {
        var owner = change.OwnerAccount;
        var package = change.ModelPackageArn.ToString();
        var fromCentral = string.Equals(owner, CentralAccountId, StringComparison.Ordinal);
        var decision = change.ApprovalStatus is ModelApprovalStatus.Approved or ModelApprovalStatus.Rejected;
        var fields = string.Join(", ", change.UpdatedFields);
        return (fromCentral, change.IsApprovalTransition) switch
        {
            (false, true) when change.ApprovalStatus == ModelApprovalStatus.Approved => RouteDecision.To(
                HandlerNames.RegistrySync, $"model package {package} approved in team account {owner}"),
            (false, true) => RouteDecision.Ignore(
                $"model package {package} in team account {owner} is {change.ApprovalStatus}; only Approved team packages are synced"),
            (false, false) => RouteDecision.Ignore(
                $"model package {package} in team account {owner}: an update of {fields}, not an approval; nothing is synced"),
            (true, true) when decision => RouteDecision.To(
                HandlerNames.DeploymentTrigger, $"model package {package} {change.ApprovalStatus} in the central account"),
            (true, _) when change.UpdatedFields.Count > 0 => RouteDecision.To(
                HandlerNames.DeploymentTrigger, $"model package {package} in the central account: an update of {fields}, recorded, never deployed"),
            (true, _) => RouteDecision.Ignore(
                $"model package {package} in the central account is {change.ApprovalStatus}; only Approved or Rejected trigger deployment handling"),
        };
    }

    private static RouteDecision RouteCloudTrail(CloudTrailApiCall call) =>
        GovernedCloudTrailSources.Contains(call.EventSource)
            ? RouteDecision.To(HandlerNames.AuditTrail, $"{call.EventSource} {call.EventName} is audited")
            : RouteDecision.Ignore($"{call.EventSource} {call.EventName}: {call.EventSource} is not a governed service");
}
