namespace Governance.Core.Notifications;

/// <summary>A deployment pipeline execution, as the deployment notifications describe it.</summary>
/// <param name="PipelineKind">"SageMakerPipeline" or "CodePipeline".</param>
/// <param name="ExecutionId">The execution ARN (SageMaker) or execution id (CodePipeline).</param>
/// <param name="ApprovedBy">Who approved the model centrally, when known.</param>
/// <param name="FailureReason">Why it failed or stopped, when known.</param>
public sealed record DeploymentExecution(
    string PipelineKind,
    string PipelineName,
    string ExecutionId,
    string? ApprovedBy = null,
    string? FailureReason = null);
