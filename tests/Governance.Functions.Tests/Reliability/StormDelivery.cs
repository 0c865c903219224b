using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Governance.Core.Flows;
using Governance.Functions.Tests.Support;
using Governance.Hosting;

namespace Governance.Functions.Tests.Reliability;

/// <summary>One event of a flow, under the name the storm's logs and dumps use for it.</summary>
internal sealed record StormEvent(string Name, byte[] Payload);

/// <summary>
/// Delivers a flow's events as EventBridge and Lambda may: each several times, in a seeded random order, with
/// several invocations at once; an invocation that fails retryably is delivered again later, as Lambda's retry
/// would. Anything else (a rejection, a non-retryable failure, another exception, a result other than
/// processed) is collected as a problem.
/// </summary>
internal static class StormDelivery
{
    private const int MaxAttemptsPerDelivery = 40;

    public static async Task<StormReport> OrderlyAsync(IFunctionHandler function, string handler, IReadOnlyList<StormEvent> events)
    {
        var report = new StormReport();
        foreach (var stormEvent in events)
        {
            report.Order.Add(stormEvent.Name);
            await DeliverOnceAsync(function, handler, stormEvent, report);
        }

        return report;
    }

    public static async Task<StormReport> StormAsync(
        IFunctionHandler function, string handler, IReadOnlyList<StormEvent> events, int seed, int copies, int concurrency, CancellationToken cancellationToken)
    {
        var deliveries = events.SelectMany(stormEvent => Enumerable.Repeat(stormEvent, copies)).ToArray();
        new Random(seed).Shuffle(deliveries);
        var report = new StormReport();
        report.Order.AddRange(deliveries.Select(delivery => delivery.Name));

        var pending = new ConcurrentQueue<(StormEvent Event, int Attempt)>(deliveries.Select(delivery => (delivery, 1)));
        var outstanding = deliveries.Length;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                while (Volatile.Read(ref outstanding) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!pending.TryDequeue(out var next))
                    {
                        await Task.Delay(5, cancellationToken);
                        continue;
                    }

                    var retry = await DeliverOnceAsync(function, handler, next.Event, report);
                    if (retry && next.Attempt < MaxAttemptsPerDelivery)
                    {
                        report.AddRetry();
                        await Task.Delay(20, cancellationToken);
                        pending.Enqueue((next.Event, next.Attempt + 1));
                        continue;
                    }

                    if (retry)
                    {
                        report.Problems.Add($"{next.Event.Name}: still failing retryably after {MaxAttemptsPerDelivery} attempts");
                    }

                    Interlocked.Decrement(ref outstanding);
                }
            },
            cancellationToken));
        await Task.WhenAll(workers);
        return report;
    }

    /// <returns>True when the invocation failed retryably and the event must be delivered again.</returns>
    private static async Task<bool> DeliverOnceAsync(IFunctionHandler function, string handler, StormEvent stormEvent, StormReport report)
    {
        try
        {
            var response = await function.HandleAsync(stormEvent.Payload, TestFunctions.Context(handler), CancellationToken.None);
            using var result = JsonDocument.Parse(response);
            var outcome = result.RootElement.GetProperty("outcome").GetString();
            if (outcome != "processed")
            {
                report.Problems.Add($"{stormEvent.Name}: {outcome}: {Encoding.UTF8.GetString(response.Span)}");
            }

            return false;
        }
        catch (FlowFailedException failure) when (failure.Retryable)
        {
            return true;
        }
        catch (Exception exception)
        {
            report.Problems.Add($"{stormEvent.Name}: {exception.GetType().Name}: {exception.Message}");
            return false;
        }
    }
}

/// <summary>What a delivery run did: the delivery order, how many retries Lambda would have made, and what went wrong.</summary>
internal sealed class StormReport
{
    private int _retries;

    public List<string> Order { get; } = [];

    public ConcurrentBag<string> Problems { get; } = [];

    public int Retries => Volatile.Read(ref _retries);

    public void AddRetry() => Interlocked.Increment(ref _retries);
}
