namespace Governance.Hosting.Tests.Runtime;

/// <summary>
/// Runtime loop tests run one at a time: the loop sets the process-wide _X_AMZN_TRACE_ID variable.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeLoopGroup
{
    public const string Name = "Runtime loop";
}
