namespace Governance.Core.Notifications;

/// <summary>Builders for <c>deployment.started</c>, <c>deployment.succeeded</c>, <c>deployment.failed</c> and <c>deployment.stopped</c>.</summary>
public static class DeploymentNotifications
{
    public static Notification Started(ModelSubject subject, DeploymentExecution execution, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.DeploymentStarted, Severity.Info, "Deployment started", "started deploying", subject, execution, occurredAt);

    public static Notification Succeeded(ModelSubject subject, DeploymentExecution execution, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.DeploymentSucceeded, Severity.Info, "Deployed", "deployed", subject, execution, occurredAt);

    public static Notification Failed(ModelSubject subject, DeploymentExecution execution, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.DeploymentFailed, Severity.Critical, "Deployment failed", "failed to deploy", subject, execution, occurredAt);

    public static Notification Stopped(ModelSubject subject, DeploymentExecution execution, DateTimeOffset occurredAt) =>
        Create(NotificationEventType.DeploymentStopped, Severity.Warning, "Deployment stopped", "was stopped while deploying", subject, execution, occurredAt);

    private static Notification Create(
        NotificationEventType type,
        Severity severity,
        string label,
        string verb,
        ModelSubject subject,
        DeploymentExecution execution,
        DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(execution);
        var details = new DetailsBuilder()
            .Add("pipelineKind", execution.PipelineKind)
            .Add("pipelineName", execution.PipelineName)
            .Add("executionId", execution.ExecutionId)
            .Add("approvedBy", execution.ApprovedBy)
            .Add("failureReason", execution.FailureReason);
        var reason = execution.FailureReason is { Length: > 0 } failure ? ": " + failure : ".";
        return ModelNotifications.Create(
            type,
            severity,
            occurredAt,
            subject,
            label + ": " + subject.DisplayName + " via " + execution.PipelineName,
            "Pipeline " + execution.PipelineName + " (" + execution.PipelineKind + ", execution " + execution.ExecutionId + ") "
                + verb + " " + subject.DisplayName + (type is NotificationEventType.DeploymentFailed or NotificationEventType.DeploymentStopped ? reason : "."),
            details);
    }
}
