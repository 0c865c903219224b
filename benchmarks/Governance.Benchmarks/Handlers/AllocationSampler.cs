using System.Diagnostics.Tracing;
using System.Globalization;

namespace Governance.Benchmarks.Handlers;

/// <summary>
/// The runtime's allocation sampling (one GCAllocationTick event per ~100 KB allocated, naming the type that
/// crossed the mark), tallied by type: over thousands of events it shows where the bytes go, without a profiler.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool Recording { get; set; }

    public void Reset()
    {
        lock (_gate)
        {
            _bytesByType.Clear();
        }
    }

    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        lock (_gate)
        {
            var total = (double)Math.Max(1, _bytesByType.Values.Sum());
            return [.. _bytesByType.OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, pair.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!Recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        lock (_gate)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
