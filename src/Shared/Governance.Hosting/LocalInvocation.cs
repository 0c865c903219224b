namespace Governance.Hosting;

/// <summary>
/// Runs handler code as one invocation outside the Runtime API loop (the CLI's replay, the local API), so
/// correlation ids, appended log keys and outcomes stay scoped to it exactly as they are in Lambda.
/// </summary>
public static class LocalInvocation
{
    /// <summary>Makes <paramref name="context"/> the current invocation until the returned handle is disposed.</summary>
    public static IDisposable Begin(InvocationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return InvocationScope.Begin(context);
    }
}
