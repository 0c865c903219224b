using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

public sealed record OpenLineageRun([property: JsonPropertyName("runId")] string RunId);

public sealed record OpenLineageJob(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("facets"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenLineageJobFacets? Facets = null);

/// <summary>The job facets the export fills: where the job's code lives, in the standard facet when the repository is a URL.</summary>
public sealed record OpenLineageJobFacets(
    [property: JsonPropertyName("sourceCodeLocation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SourceCodeLocationFacet? SourceCodeLocation,
    [property: JsonPropertyName("mlGovernance_codeRevision"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CodeRevisionFacet? CodeRevision);

/// <summary>The OpenLineage <c>SourceCodeLocationJobFacet</c> (1-0-1): <c>url</c> is the repository, <c>version</c> the commit.</summary>
public sealed record SourceCodeLocationFacet(
    [property: JsonPropertyName("_producer")] string Producer,
    [property: JsonPropertyName("_schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("repoUrl")] string RepoUrl,
    [property: JsonPropertyName("version")] string Version);

/// <summary>A custom job facet for a code revision whose repository is not a URL (or not recorded).</summary>
public sealed record CodeRevisionFacet(
    [property: JsonPropertyName("_producer")] string Producer,
    [property: JsonPropertyName("_schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("revision")] string Revision,
    [property: JsonPropertyName("repository"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Repository);

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
/// per training job (inputs: its datasets; outputs: the model artifact and the governed model package), or,
/// when no training job is recorded, one packaging run of the team's model package (outputs: the artifacts
/// and the governed package); and one deployment run per pipeline execution (input: the model package;
/// outputs: the endpoints it serves). The code revision is a job facet of the training or packaging job.
/// Datasets are named by the OpenLineage conventions (S3: namespace <c>s3://bucket</c>, name = key); AWS
/// resources by their ARN (namespace = the ARN up to the account, name = the resource). Run ids are derived
/// from the job's ledger id, so exporting twice yields the same runs.
/// </summary>
public static class OpenLineageEvents
{
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public const string Producer = "urn:ml-governance:lineage-export";
    public const string SourceCodeLocationSchemaUrl = "https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet";
    public const string CodeRevisionSchemaUrl = "urn:ml-governance:openlineage:facets:code-revision:1";

    public static IReadOnlyList<OpenLineageRunEvent> From(VersionLineageResponse lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        OpenLineageDataset[] package = lineage.Downstream.CentralPackage is { } central ? [Dataset(central)] : [];
        var events = new List<OpenLineageRunEvent>();
        var code = CodeFacets(lineage.Upstream.CodeRevision);
        foreach (var job in lineage.Upstream.TrainingJobs)
        {
            var jobEdges = lineage.Edges.Where(edge => edge.To == job.Ref || edge.From == job.Ref).ToList();
            var inputs = lineage.Upstream.Datasets.Where(dataset => jobEdges.Any(edge => edge.From == dataset.Ref)).Select(Dataset).ToList();
            var outputs = lineage.Upstream.Artifacts.Where(artifact => jobEdges.Any(edge => edge.To == artifact.Ref)).Select(Dataset).Concat(package).ToList();
            events.Add(new OpenLineageRunEvent(
                "COMPLETE", job.RecordedAt ?? lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch, Producer, SchemaUrl,
                new OpenLineageRun(RunId(job.Ref)), Job(job) with { Facets = code }, inputs, outputs));
        }

        if (lineage.Upstream.TrainingJobs.Count == 0 && lineage.Upstream.SourcePackage is { } source)
        {
            events.Add(new OpenLineageRunEvent(
                "COMPLETE", source.RecordedAt ?? lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch, Producer, SchemaUrl,
                new OpenLineageRun(RunId(source.Ref)), Job(source) with { Facets = code }, [],
                [.. lineage.Upstream.Artifacts.Select(Dataset), .. package]));
        }

        foreach (var run in lineage.Downstream.Executions)
        {
            var endpoints = lineage.Downstream.Endpoints.Select(Dataset).ToList();
            events.Add(new OpenLineageRunEvent(
                EventType(run.Status), run.At ?? lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch, Producer, SchemaUrl,
                new OpenLineageRun(RunId(run.Execution.Ref)), Job(run.Execution), package, endpoints));
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

    /// <summary>
    /// The standard <c>sourceCodeLocation</c> facet needs the repository as a URL; a revision without one (or with
    /// a repository name that is not a URL) goes into this service's own facet instead.
    /// </summary>
    private static OpenLineageJobFacets? CodeFacets(CodeRevisionView? code)
    {
        if (code is null)
        {
            return null;
        }

        return Uri.TryCreate(code.Repository, UriKind.Absolute, out var repository) && repository.Scheme is "https" or "http" or "ssh" or "git"
            ? new OpenLineageJobFacets(new SourceCodeLocationFacet(Producer, SourceCodeLocationSchemaUrl, "git", repository.AbsoluteUri, code.Repository!, code.Revision), null)
            : new OpenLineageJobFacets(null, new CodeRevisionFacet(Producer, CodeRevisionSchemaUrl, code.Revision, code.Repository));
    }

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
