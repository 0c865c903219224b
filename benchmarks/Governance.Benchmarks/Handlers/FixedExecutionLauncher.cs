using Governance.Core.Flows;

namespace Governance.Benchmarks.Handlers;

/// <summary>Starts "the" deployment pipeline: every start answers the execution the pipeline sample events report on.</summary>
public sealed class FixedExecutionLauncher(string kind, string pipelineName, string executionId) : IPipelineLauncher
{
    public Task<PipelineLaunch> StartAsync(PipelineStart start, CancellationToken cancellationToken) =>
        Task.FromResult(new PipelineLaunch(kind, pipelineName, executionId));
}
