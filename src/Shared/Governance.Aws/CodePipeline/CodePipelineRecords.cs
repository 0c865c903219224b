using System.Text.Json;

namespace Governance.Aws.CodePipeline;

/// <summary>A pipeline-level variable passed at start.</summary>
public sealed record PipelineVariable(string Name, string Value);

/// <summary>StartPipelineExecution.</summary>
/// <param name="PipelineName">Pipeline name.</param>
/// <param name="ClientRequestToken">Idempotency token (1..128 of [a-zA-Z0-9-]); the same token returns the same execution.</param>
public sealed record CodePipelineStartRequest(string PipelineName, string? ClientRequestToken = null)
{
    public IReadOnlyList<PipelineVariable> Variables { get; init; } = [];
}
