namespace Governance.Core.Events;

/// <summary>What an event is, decided from its source and detail-type (or its shape, for envelope-less forms).</summary>
public enum EventKind
{
    /// <summary>Any detail-type the service does not know; parsed, then ignored by routing.</summary>
    Unrecognised,
    ModelPackageStateChange,
    PipelineExecutionStatusChange,
    PipelineStepStatusChange,
    CodePipelinePipelineExecution,
    CodePipelineStageExecution,
    CodePipelineActionExecution,
    ConfigRulesComplianceChange,
    ConfigurationItemChange,
    CloudTrailApiCall,
}

/// <summary>How the event reached the service: the same information arrives in several wrappers.</summary>
public enum EventForm
{
    /// <summary>An EventBridge event: id, detail-type, source, account, time, region, resources, detail.</summary>
    EventBridge,

    /// <summary>
    /// A CodeStar notification-rule "processed" event: <c>detailType</c> instead of <c>detail-type</c>, no id or
    /// version, plus <c>notificationRuleArn</c> and <c>additionalAttributes</c>.
    /// </summary>
    CodeStarNotification,

    /// <summary>A CloudTrail record as written to the trail's log files: no envelope, the record is the detail.</summary>
    CloudTrailRecord,

    /// <summary>An SNS notification whose <c>Message</c> (object or JSON string) carries the event.</summary>
    SnsNotification,
}
