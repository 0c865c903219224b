namespace Governance.Core.Events;

/// <summary>CodePipeline execution states (upper-case on the wire) at pipeline, stage and action level.</summary>
public enum CodePipelineState
{
    Started,
    Succeeded,
    Failed,
    Stopped,
    Stopping,
    Superseded,
    Canceled,
    Resumed,
    Abandoned,
}

/// <summary>What started a pipeline execution (absent for Git-tag triggers, which carry commit fields instead).</summary>
public sealed record CodePipelineTrigger(string? TriggerType, string? TriggerDetail);

/// <summary>An action that failed, from the "processed" form's <c>additionalAttributes.failedActions</c>.</summary>
public sealed record CodePipelineFailedAction(string? Action, string? AdditionalInformation);

/// <summary>The action's type block; <c>version</c> arrives as the string "1" or the number 1.</summary>
public sealed record CodePipelineActionType(string? Owner, string? Category, string? Provider, string? Version);

/// <summary>
/// The action's <c>execution-result</c>. <see cref="ExternalExecutionSummary"/> may itself be a JSON document in a
/// string (CodeStar connection sources); it is kept as sent.
/// </summary>
public sealed record CodePipelineExecutionResult(
    string? ExternalExecutionId,
    string? ExternalExecutionSummary,
    string? ExternalExecutionUrl,
    string? ErrorCode);

/// <summary>
/// Fields common to the CodePipeline pipeline, stage and action state changes, in both the EventBridge and the
/// CodeStar "processed" form. <c>execution-id</c> is not validated as a UUID: one AWS sample holds an ARN there.
/// </summary>
/// <param name="PipelineVersion"><c>detail.version</c>; integral floats (16.0) and digit strings accepted.</param>
/// <param name="ExecutionAttempt"><c>pipeline-execution-attempt</c>, same tolerance.</param>
public abstract record CodePipelineStateChange(
    string Pipeline,
    string ExecutionId,
    CodePipelineState State,
    int? PipelineVersion,
    int? ExecutionAttempt,
    DateTimeOffset? StartTime) : EventDetail;

/// <summary><c>aws.codepipeline</c> / <c>CodePipeline Pipeline Execution State Change</c>.</summary>
/// <param name="FailedStage">"Processed" form only: <c>additionalAttributes.failedStage</c>.</param>
/// <param name="FailedActions">"Processed" form only: <c>additionalAttributes.failedActions</c>; else empty.</param>
public sealed record CodePipelinePipelineExecutionStateChange(
    string Pipeline,
    string ExecutionId,
    CodePipelineState State,
    int? PipelineVersion,
    int? ExecutionAttempt,
    DateTimeOffset? StartTime,
    CodePipelineTrigger? Trigger,
    string? StopExecutionComments,
    string? FailedStage,
    IReadOnlyList<CodePipelineFailedAction> FailedActions)
    : CodePipelineStateChange(Pipeline, ExecutionId, State, PipelineVersion, ExecutionAttempt, StartTime);

/// <summary><c>aws.codepipeline</c> / <c>CodePipeline Stage Execution State Change</c>.</summary>
public sealed record CodePipelineStageExecutionStateChange(
    string Pipeline,
    string ExecutionId,
    CodePipelineState State,
    int? PipelineVersion,
    int? ExecutionAttempt,
    DateTimeOffset? StartTime,
    string Stage)
    : CodePipelineStateChange(Pipeline, ExecutionId, State, PipelineVersion, ExecutionAttempt, StartTime);

/// <summary><c>aws.codepipeline</c> / <c>CodePipeline Action Execution State Change</c>.</summary>
/// <param name="ActionRegion"><c>detail.region</c>: where the action ran, which may differ from the envelope's.</param>
/// <param name="AdditionalInformation">"Processed" form only: <c>additionalAttributes.additionalInformation</c>.</param>
public sealed record CodePipelineActionExecutionStateChange(
    string Pipeline,
    string ExecutionId,
    CodePipelineState State,
    int? PipelineVersion,
    int? ExecutionAttempt,
    DateTimeOffset? StartTime,
    string Stage,
    string Action,
    string? ActionExecutionId,
    string? ActionRegion,
    CodePipelineActionType? Type,
    CodePipelineExecutionResult? Result,
    string? AdditionalInformation)
    : CodePipelineStateChange(Pipeline, ExecutionId, State, PipelineVersion, ExecutionAttempt, StartTime);
