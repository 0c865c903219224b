using Governance.Hosting;
using Governance.Hosting.Logging;

namespace Governance.Functions;

/// <summary>
/// The HTTP API (payload format 2.0) entry point. The query routes are not in this build: every request gets
/// a JSON 501 so callers see a clear answer instead of a gateway error.
/// </summary>
public sealed class LineageApiFunction(LambdaLogger logger) : IFunctionHandler
{
    private static readonly ReadOnlyMemory<byte> NotImplementedResponse =
        """{"statusCode":501,"headers":{"content-type":"application/json"},"body":"{\"error\":\"the lineage query routes are not available in this build\"}"}"""u8.ToArray();

    public Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        logger.Warning("Lineage API request of {PayloadBytes} bytes answered 501: query routes not available", payload.Length);
        return Task.FromResult(NotImplementedResponse);
    }
}
