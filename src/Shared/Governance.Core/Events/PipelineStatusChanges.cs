using System.Text.Json;

namespace Governance.Core.Events;

/// <summary>SageMaker Pipelines execution statuses.</summary>
public enum PipelineExecutionStatus
{
    Executing,
    Stopping,
    Stopped,
    Failed,
    Succeeded,
}

/// <summary>SageMaker Pipelines step statuses.</summary>
public enum PipelineStepStatus
{
    Starting,
    Executing,
    Stopping,
    Stopped,
    Failed,
    Succeeded,
}

/// <summary>
/// <c>aws.sagemaker</c> / <c>SageMaker Model Building Pipeline Execution Status Change</c> (camelCase detail).
/// Pipeline-level failures carry no failure reason; <see cref="FailureReason"/> is kept when present.
/// </summary>
public sealed record PipelineExecutionStatusChange(
    Arn PipelineArn,
    Arn PipelineExecutionArn,
    PipelineExecutionStatus CurrentStatus,
    PipelineExecutionStatus? PreviousStatus,
    string? DisplayName,
    string? Description,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    string? FailureReason) : EventDetail;

/// <summary>
/// <c>aws.sagemaker</c> / <c>SageMaker Model Building Pipeline Execution Step Status Change</c>.
/// </summary>
/// <param name="JobArn">The ARN of the job the step ran (<c>metadata.&lt;stepKind&gt;.arn</c>), when present.</param>
/// <param name="CacheHitSourceExecutionArn">Set when the step result came from the cache of another execution.</param>
/// <param name="Metadata">The raw <c>metadata</c> object, keyed by step kind.</param>
public sealed record PipelineStepStatusChange(
    Arn PipelineArn,
    Arn PipelineExecutionArn,
    string StepName,
    string? StepType,
    PipelineStepStatus CurrentStatus,
    PipelineStepStatus? PreviousStatus,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    string? FailureReason,
    string? JobArn,
    string? CacheHitSourceExecutionArn,
    JsonElement? Metadata) : EventDetail;
