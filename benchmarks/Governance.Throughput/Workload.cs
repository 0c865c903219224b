namespace Governance.Throughput;

/// <summary>A batch of events for one function, delivered to one bootstrap process back to back.</summary>
/// <param name="Meaning">What the figure measures, printed under the table.</param>
public sealed record Workload(string Name, string Handler, string Meaning, IReadOnlyList<byte[]> Events)
{
    public static IReadOnlyList<string> Names { get; } = ["audit-writes", "pipeline-writes", "sync-duplicates", "audit-mixed"];

    public static Workload Create(string name, EventFactory events, ThroughputOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        return name switch
        {
            "audit-writes" => new(name, "AuditTrail",
                "CloudTrail CreateModel calls (EventBridge form of the docs record), one model each: audit record + deployment-graph node per event",
                Build(options.Writes, events.CreateModel)),
            "pipeline-writes" => new(name, "PipelineMonitor",
                "SageMaker pipeline 'Succeeded' (docs sample), one execution each: timeline and lineage reads, execution node + chained record per event",
                Build(options.Writes, events.PipelineSucceeded)),
            "sync-duplicates" => new(name, "RegistrySync",
                "the same team approval redelivered; its first delivery is recorded, so each ends at the idempotency claim (one DynamoDB conditional write)",
                Build(options.Events, events.DuplicateApproval)),
            "audit-mixed" => new(name, "AuditTrail",
                $"CloudTrail calls: every {options.WriteEvery}th a CreateModel the ledger records, the others EC2 calls the router ignores",
                Build(options.Events, index => index % options.WriteEvery == 0 ? events.CreateModel(index) : events.Ec2RunInstances(index))),
            _ => throw new ArgumentException($"unknown workload {name}; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    private static byte[][] Build(int count, Func<int, byte[]> payload) => [.. Enumerable.Range(0, count).Select(payload)];
}
