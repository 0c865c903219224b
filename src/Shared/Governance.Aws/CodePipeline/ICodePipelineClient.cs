namespace Governance.Aws.CodePipeline;

/// <summary>The CodePipeline operations the service uses.</summary>
public interface ICodePipelineClient
{
    /// <summary>Returns the execution id.</summary>
    Task<string> StartPipelineExecutionAsync(CodePipelineStartRequest request, CancellationToken cancellationToken);
}
