namespace Governance.Hosting.Tests.Support;

/// <summary>A handler made of a function, for tests that need one behaviour each.</summary>
public sealed class DelegateHandler(
    Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task<ReadOnlyMemory<byte>>> handle) : IFunctionHandler
{
    public Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken) =>
        handle(payload, context, cancellationToken);

    public static DelegateHandler Echo() => new((payload, _, _) => Task.FromResult(payload));
}
