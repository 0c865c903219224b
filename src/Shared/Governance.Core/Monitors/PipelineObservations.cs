using Governance.Core.Events;

namespace Governance.Core.Monitors;

/// <summary>The execution an event belongs to.</summary>
/// <param name="PipelineKind"><see cref="PipelineObservations.SageMakerPipeline"/> or <see cref="PipelineObservations.CodePipeline"/>.</param>
/// <param name="ExecutionId">SageMaker: the execution ARN; CodePipeline: the execution id.</param>
/// <param name="Account">The account the pipeline runs in, when known.</param>
public sealed record PipelineRun(string PipelineKind, string PipelineName, string ExecutionId, string? Account);

/// <summary>Turns the five pipeline event kinds into one <see cref="ExecutionObservation"/> of one <see cref="PipelineRun"/>.</summary>
public static class PipelineObservations
{
    public const string SageMakerPipeline = "SageMakerPipeline";
    public const string CodePipeline = "CodePipeline";

    /// <summary>The run and observation of a pipeline event; null when the event is not a pipeline event or has no time.</summary>
    public static (PipelineRun Run, ExecutionObservation Observation)? Read(ParsedEvent parsedEvent, string eventId)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        var time = parsedEvent.Envelope.Time;
        return parsedEvent.Detail switch
        {
            PipelineExecutionStatusChange change when (time ?? change.EndTime ?? change.StartTime) is { } at => (
                SageMakerRun(change.PipelineArn, change.PipelineExecutionArn),
                new ExecutionObservation(eventId, ExecutionLevel.Execution, null, Map(change.CurrentStatus), 0, at, Blank(change.FailureReason))),
            PipelineStepStatusChange change when (time ?? change.EndTime ?? change.StartTime) is { } at => (
                SageMakerRun(change.PipelineArn, change.PipelineExecutionArn),
                new ExecutionObservation(eventId, ExecutionLevel.Step, change.StepName, Map(change.CurrentStatus), 0, at, StepFailure(change))),
            CodePipelineStateChange change when (time ?? change.StartTime) is { } at => (
                new PipelineRun(CodePipeline, change.Pipeline, change.ExecutionId, parsedEvent.Envelope.Account),
                CodePipelineObservation(change, eventId, at)),
            _ => null,
        };
    }

    private static PipelineRun SageMakerRun(Arn pipeline, Arn execution)
    {
        var resource = pipeline.Resource;
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return new PipelineRun(SageMakerPipeline, slash < 0 ? resource : resource[(slash + 1)..], execution.ToString(), pipeline.Account);
    }

    private static ExecutionObservation CodePipelineObservation(CodePipelineStateChange change, string eventId, DateTimeOffset at)
    {
        var status = Map(change.State);
        var attempt = change.ExecutionAttempt ?? 0;
        return change switch
        {
            CodePipelineStageExecutionStateChange stage => new(eventId, ExecutionLevel.Stage, stage.Stage, status, attempt, at, null),
            CodePipelineActionExecutionStateChange action => new(
                eventId, ExecutionLevel.Action, action.Stage + "/" + action.Action, status, attempt, at, ActionFailure(action)),
            CodePipelinePipelineExecutionStateChange pipeline => new(
                eventId, ExecutionLevel.Execution, null, status, attempt, at, PipelineFailure(pipeline)),
            _ => new(eventId, ExecutionLevel.Execution, null, status, attempt, at, null),
        };
    }

    private static string? StepFailure(PipelineStepStatusChange change) =>
        Blank(change.FailureReason) is { } reason ? "step " + change.StepName + ": " + reason : null;

    private static string? ActionFailure(CodePipelineActionExecutionStateChange action)
    {
        if (action.State != CodePipelineState.Failed)
        {
            return null;
        }

        var parts = new[] { Blank(action.Result?.ErrorCode), Blank(action.Result?.ExternalExecutionSummary), Blank(action.AdditionalInformation) }
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return "action " + action.Action + " in stage " + action.Stage + " failed" + (parts.Count == 0 ? string.Empty : ": " + string.Join(": ", parts));
    }

    private static string? PipelineFailure(CodePipelinePipelineExecutionStateChange pipeline)
    {
        if (pipeline.State is CodePipelineState.Stopped or CodePipelineState.Stopping && Blank(pipeline.StopExecutionComments) is { } comments)
        {
            return "stopped: " + comments;
        }

        if (pipeline.FailedActions.Count == 0)
        {
            return null;
        }

        var stage = Blank(pipeline.FailedStage) is { } failedStage ? "stage " + failedStage + ": " : string.Empty;
        return stage + string.Join("; ", pipeline.FailedActions.Select(action =>
            "action " + (action.Action ?? "?") + (Blank(action.AdditionalInformation) is { } info ? ": " + info : " failed")));
    }

    private static DeploymentStatus Map(PipelineExecutionStatus status) => status switch
    {
        PipelineExecutionStatus.Executing => DeploymentStatus.Started,
        PipelineExecutionStatus.Stopping => DeploymentStatus.Stopping,
        PipelineExecutionStatus.Stopped => DeploymentStatus.Stopped,
        PipelineExecutionStatus.Failed => DeploymentStatus.Failed,
        PipelineExecutionStatus.Succeeded => DeploymentStatus.Succeeded,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown pipeline execution status"),
    };

    private static DeploymentStatus Map(PipelineStepStatus status) => status switch
    {
        PipelineStepStatus.Starting or PipelineStepStatus.Executing => DeploymentStatus.Started,
        PipelineStepStatus.Stopping => DeploymentStatus.Stopping,
        PipelineStepStatus.Stopped => DeploymentStatus.Stopped,
        PipelineStepStatus.Failed => DeploymentStatus.Failed,
        PipelineStepStatus.Succeeded => DeploymentStatus.Succeeded,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown pipeline step status"),
    };

    private static DeploymentStatus Map(CodePipelineState state) => state switch
    {
        CodePipelineState.Started => DeploymentStatus.Started,
        CodePipelineState.Resumed => DeploymentStatus.Resumed,
        CodePipelineState.Stopping => DeploymentStatus.Stopping,
        CodePipelineState.Succeeded => DeploymentStatus.Succeeded,
        CodePipelineState.Stopped => DeploymentStatus.Stopped,
        CodePipelineState.Superseded => DeploymentStatus.Superseded,
        CodePipelineState.Canceled => DeploymentStatus.Canceled,
        CodePipelineState.Abandoned => DeploymentStatus.Abandoned,
        CodePipelineState.Failed => DeploymentStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown CodePipeline state"),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
