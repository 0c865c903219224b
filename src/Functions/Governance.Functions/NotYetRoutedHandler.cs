using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;

namespace Governance.Functions;

/// <summary>
/// Stand-in until the event parser and router are wired in: acknowledges every event as ignored, with a
/// log line and an <c>ignored</c> outcome, so the functions deploy and run end to end.
/// </summary>
public sealed class NotYetRoutedHandler(string handlerName, LambdaLogger logger, LambdaMetrics metrics) : IFunctionHandler
{
    public const string Reason = "no handler yet";

    private static readonly ReadOnlyMemory<byte> IgnoredResponse = """{"outcome":"ignored","reason":"no handler yet"}"""u8.ToArray();

    public Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        logger.Information("{Handler} ignored an event of {PayloadBytes} bytes: {Reason}", handlerName, payload.Length, Reason);
        metrics.AddOutcome("ignored");
        return Task.FromResult(IgnoredResponse);
    }
}
