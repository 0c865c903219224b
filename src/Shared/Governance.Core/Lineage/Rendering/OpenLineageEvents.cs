using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage.Rendering;

public sealed record OpenLineageRun([property: JsonPropertyName("runId")] string RunId);

public sealed record OpenLineageJob(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name);

public sealed record OpenLineageDataset(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name);

/// <summary>An OpenLineage RunEvent (spec 2-0-2) with the fields the export fills.</summary>
public sealed record OpenLineageRunEvent(
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("eventTime")] DateTimeOffset EventTime,
    [property: JsonPropertyName("producer")] string Producer,
    [property: JsonPropertyName("schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("run")] OpenLineageRun Run,
    [property: JsonPropertyName("job")] OpenLineageJob Job,
    [property: JsonPropertyName("inputs")] IReadOnlyList<OpenLineageDataset> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OpenLineageDataset> Outputs);

[JsonSerializable(typeof(OpenLineageRunEvent))]
internal sealed partial class OpenLineageJsonContext : JsonSerializerContext;

/// <summary>
/// A model version's lineage as OpenLineage run events that Marquez or DataHub can ingest: one training run
/// per training job (inputs: its datasets; outputs: the model artifact and the governed model package) and
/// one deployment run per pipeline execution (input: the model package; outputs: the endpoints it serves).
/// Datasets are named by the OpenLineage conventions (S3: namespace <c>s3://bucket</c>, name = key); AWS
/// resources by their ARN (namespace = the ARN up to the account, name = the resource). Run ids are derived
/// from the job's ledger id, so exporting twice yields the same runs.
/// </summary>
public static class OpenLineageEvents
{
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public const string Producer = "urn:ml-governance:lineage-export";

    public static IReadOnlyList<OpenLineageRunEvent> From(VersionLineageResponse lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var package = Dataset(lineage.Downstream.CentralPackage);
        var events = new List<OpenLineageRunEvent>();
        foreach (var job in lineage.Upstream.TrainingJobs)
        {
            var jobEdges = lineage.Edges.Where(edge => edge.To == job.Ref || edge.From == job.Ref).ToList();
            var inputs = lineage.Upstream.Datasets.Where(dataset => jobEdges.Any(edge => edge.From == dataset.Ref)).Select(Dataset).ToList();
            var outputs = lineage.Upstream.Artifacts.Where(artifact => jobEdges.Any(edge => edge.To == artifact.Ref)).Select(Dataset).Append(package).ToList();
            events.Add(new OpenLineageRunEvent(
                "COMPLETE", job.RecordedAt ?? lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch, Producer, SchemaUrl,
                new OpenLineageRun(RunId(job.Ref)), Job(job), inputs, outputs));
        }

        foreach (var run in lineage.Downstream.Executions)
        {
            var endpoints = lineage.Downstream.Endpoints.Select(Dataset).ToList();
            events.Add(new OpenLineageRunEvent(
                EventType(run.Status), run.At ?? lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch, Producer, SchemaUrl,
                new OpenLineageRun(RunId(run.Execution.Ref)), Job(run.Execution), [package], endpoints));
        }

        return events;
    }

    /// <summary>One event per line (the OpenLineage file transport's form).</summary>
    public static string ToJsonLines(IEnumerable<OpenLineageRunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var lines = new StringBuilder();
        foreach (var runEvent in events)
        {
            lines.Append(JsonSerializer.Serialize(runEvent, OpenLineageJsonContext.Default.OpenLineageRunEvent)).Append('\n');
        }

        return lines.ToString();
    }

    private static string EventType(string? status) => status?.ToUpperInvariant() switch
    {
        "SUCCEEDED" => "COMPLETE",
        "FAILED" => "FAIL",
        "STOPPED" or "STOPPING" => "ABORT",
        "EXECUTING" or "STARTED" or "INPROGRESS" or "IN_PROGRESS" => "RUNNING",
        _ => "OTHER",
    };

    private static OpenLineageJob Job(NodeView node)
    {
        var dataset = Dataset(node);
        return new OpenLineageJob(dataset.Namespace, dataset.Name);
    }

    private static OpenLineageDataset Dataset(NodeView node)
    {
        var uri = node.Type == NodeTypes.Dataset ? node.Id : node.Attribute("uri");
        if (uri is not null && uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            var slash = uri.IndexOf('/', 5);
            return slash < 0 ? new OpenLineageDataset(uri, "/") : new OpenLineageDataset(uri[..slash], uri[(slash + 1)..]);
        }

        if (Arn.TryParse(node.Id, out var arn))
        {
            return new OpenLineageDataset($"arn:{arn.Partition}:{arn.Service}:{arn.Region}:{arn.Account}", arn.Resource);
        }

        return new OpenLineageDataset("ml-governance:" + node.Type, node.Id);
    }

    /// <summary>A name-based UUID (version 5 layout over SHA-256) of the job's ledger reference.</summary>
    private static string RunId(string reference)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(reference)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
