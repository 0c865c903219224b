using Governance.Aws.CodePipeline;
using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Core.Flows;

namespace Governance.Aws.Adapters;

/// <summary>Starts the routed pipeline: SageMaker StartPipelineExecution (parameters) or CodePipeline StartPipelineExecution (variables).</summary>
public sealed class PipelineLauncher(ISageMakerClient sageMaker, ICodePipelineClient codePipeline) : IPipelineLauncher
{
    public const string SageMakerKind = "SageMakerPipeline";
    public const string CodePipelineKind = "CodePipeline";

    public async Task<PipelineLaunch> StartAsync(PipelineStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var target = start.Target;
        try
        {
            if (target.Type == DeploymentTargetTypes.CodePipeline)
            {
                var id = await codePipeline.StartPipelineExecutionAsync(new CodePipelineStartRequest(target.PipelineName, start.ClientToken)
                {
                    Variables = [.. start.Parameters.Select(parameter => new PipelineVariable(parameter.Key, parameter.Value))],
                }, cancellationToken);
                return new PipelineLaunch(CodePipelineKind, target.PipelineName, id);
            }

            var arn = await sageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(target.PipelineName, start.ClientToken)
            {
                Parameters = [.. start.Parameters.Select(parameter => new PipelineParameter(parameter.Key, parameter.Value))],
            }, cancellationToken);
            return new PipelineLaunch(SageMakerKind, target.PipelineName, arn);
        }
        catch (AwsServiceException exception) when (exception is AwsResourceNotFoundException or AwsValidationException or AwsAccessDeniedException)
        {
            throw new FlowStepException(
                $"pipeline {target.PipelineName} ({target.Type}) could not be started ({exception.ErrorCode}: {exception.Details.Message})",
                retryable: false,
                exception);
        }
    }
}
