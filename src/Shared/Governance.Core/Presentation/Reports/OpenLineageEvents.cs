using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

/// <summary>
/// A model version's lineage as OpenLineage run events that Marquez or DataHub can ingest, a START and, once the run
/// ended, its terminal event (COMPLETE, FAIL or ABORT) per run:
/// <list type="bullet">
/// <item>one training run per training job (inputs: its datasets; outputs: the model artifact and the governed package),
/// or, when no training job is recorded, one packaging run of the team's model package;</item>
/// <item>one deployment run per pipeline execution (input: the model package; outputs: the endpoints it serves).</item>
/// </list>
/// Jobs are named after the process, so runs of one process group under one job: a training job definition (the job
/// name without SageMaker's generated timestamp), a SageMaker pipeline step, a deployment pipeline. Datasets follow the
/// OpenLineage conventions (S3: namespace <c>s3://bucket</c>, name = key); AWS resources are named by their ARN
/// (namespace = the ARN up to the account). Run ids derive from the run's ledger id, so exporting twice yields the
/// same runs.
/// </summary>
public static partial class OpenLineageEvents
{
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public const string Producer = "urn:ml-governance:lineage-export";
    public const string SourceCodeLocationSchemaUrl = "https://openlineage.io/spec/facets/1-1-0/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet";
    public const string JobTypeSchemaUrl = "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    public const string OwnershipSchemaUrl = "https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet";

    /// <summary>Where this service's own facet schemas are published (the files of <c>docs/openlineage/</c>), versioned.</summary>
    public const string FacetSchemaBase = "https://ml-governance.github.io/spec/facets/";

    public const string CodeRevisionSchemaUrl = FacetSchemaBase + "1-0-0/CodeRevisionJobFacet.json#/$defs/CodeRevisionJobFacet";

    public static IReadOnlyList<OpenLineageRunEvent> From(VersionLineageResponse lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        OpenLineageDataset[] package = lineage.Downstream.CentralPackage is { } central ? [Dataset(central)] : [];
        var team = lineage.Downstream.CentralPackage?.Attribute("team");
        var code = lineage.Upstream.CodeRevision;
        var fallback = lineage.Summary.RecordedAt ?? DateTimeOffset.UnixEpoch;
        var events = new List<OpenLineageRunEvent>();
        foreach (var job in lineage.Upstream.TrainingJobs)
        {
            var jobEdges = lineage.Edges.Where(edge => edge.To == job.Ref || edge.From == job.Ref).ToList();
            var inputs = lineage.Upstream.Datasets.Where(dataset => jobEdges.Any(edge => edge.From == dataset.Ref)).Select(Dataset).ToList();
            var outputs = lineage.Upstream.Artifacts.Where(artifact => jobEdges.Any(edge => edge.To == artifact.Ref)).Select(Dataset).Concat(package).ToList();
            var started = Time(job, "trainingStartTime", "startTime") ?? job.RecordedAt ?? fallback;
            events.AddRange(Run(job.Ref, TrainingJob(job) with { Facets = Facets("TRAINING", team, code) }, started,
                Time(job, "trainingEndTime", "endTime") ?? started, TrainingOutcome(job.Attribute("trainingJobStatus", "status")), inputs, outputs));
        }

        if (lineage.Upstream.TrainingJobs.Count == 0 && lineage.Upstream.SourcePackage is { } source)
        {
            var at = source.RecordedAt ?? fallback;
            var job = Job(source);
            events.AddRange(Run(source.Ref, job with { Name = "packaging/" + Group(source, job.Name), Facets = Facets("PACKAGING", team, code) }, at, at, "COMPLETE",
                [], [.. lineage.Upstream.Artifacts.Select(Dataset), .. package]));
        }

        foreach (var run in lineage.Downstream.Executions)
        {
            var at = run.At ?? fallback;
            events.AddRange(Run(run.Execution.Ref, DeploymentPipeline(run.Execution) with { Facets = Facets("DEPLOYMENT", team, null) },
                run.StartedAt ?? at, at, DeploymentOutcome(run.Status), package, [.. lineage.Downstream.Endpoints.Select(Dataset)]));
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

    /// <summary>START with the inputs, then the terminal event with inputs and outputs, when the run has ended.</summary>
    private static IEnumerable<OpenLineageRunEvent> Run(
        string reference, OpenLineageJob job, DateTimeOffset started, DateTimeOffset ended, string? terminal,
        IReadOnlyList<OpenLineageDataset> inputs, IReadOnlyList<OpenLineageDataset> outputs)
    {
        var run = new OpenLineageRun(RunId(reference));
        yield return new OpenLineageRunEvent("START", started, Producer, SchemaUrl, run, job, inputs, []);
        if (terminal is not null)
        {
            yield return new OpenLineageRunEvent(terminal, ended < started ? started : ended, Producer, SchemaUrl, run, job, inputs, outputs);
        }
    }

    // A training job the lineage records produced the model: without a status, it completed.
    private static string? TrainingOutcome(string? status) => status?.ToUpperInvariant() switch
    {
        null or "COMPLETED" => "COMPLETE",
        "FAILED" => "FAIL",
        "STOPPED" => "ABORT",
        _ => null,
    };

    private static string? DeploymentOutcome(string? status) => status?.ToUpperInvariant() switch
    {
        "SUCCEEDED" => "COMPLETE",
        "FAILED" => "FAIL",
        "STOPPED" or "SUPERSEDED" or "CANCELLED" => "ABORT",
        _ => null,
    };

    private static OpenLineageJobFacets Facets(string jobType, string? team, CodeRevisionView? code)
    {
        var facets = new OpenLineageJobFacets(
            new JobTypeFacet(Producer, JobTypeSchemaUrl, "BATCH", "SAGEMAKER", jobType),
            team is null ? null : new OwnershipFacet(Producer, OwnershipSchemaUrl, [new Owner("team:" + team, "MAINTAINER")]));
        if (code is null)
        {
            return facets;
        }

        return Uri.TryCreate(code.Repository, UriKind.Absolute, out var repository) && repository.Scheme is "https" or "http" or "ssh" or "git"
            ? facets with { SourceCodeLocation = new SourceCodeLocationFacet(Producer, SourceCodeLocationSchemaUrl, "git", repository.AbsoluteUri, code.Repository!, code.Revision) }
            : facets with { CodeRevision = new CodeRevisionFacet(Producer, CodeRevisionSchemaUrl, code.Revision, code.Repository) };
    }

    /// <summary>A training job's process: its pipeline step when it ran in one, else its name without the generated timestamp.</summary>
    private static OpenLineageJob TrainingJob(NodeView job)
    {
        var named = Job(job);
        if (job.Attribute("pipeline") is { } pipeline && job.Attribute("pipelineStep", "step") is { } step)
        {
            return named with { Name = $"pipeline/{pipeline}/step/{step}" };
        }

        return named with { Name = GeneratedTimestamp().Replace(named.Name, string.Empty) };
    }

    /// <summary>A deployment's process: its pipeline, whatever the execution.</summary>
    private static OpenLineageJob DeploymentPipeline(NodeView execution)
    {
        var named = Job(execution);
        var resource = named.Name;
        var pipeline = execution.Attribute("pipeline")
            ?? (resource.StartsWith("pipeline/", StringComparison.Ordinal) ? resource.Split('/')[1] : resource);
        return named with { Name = "pipeline/" + pipeline };
    }

    private static string Group(NodeView package, string fallback) =>
        package.Id.Split('/') is { Length: 3 } parts ? parts[1] : fallback;

    private static DateTimeOffset? Time(NodeView node, params ReadOnlySpan<string> names) =>
        node.Attribute(names) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

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

    /// <summary>A name-based UUID (version 5 layout over SHA-256) of the run's ledger reference.</summary>
    private static string RunId(string reference)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(reference)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    // SageMaker's generated suffix: -YYYY-MM-DD-HH-MM-SS and optional -mmm milliseconds.
    [GeneratedRegex(@"-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}(-\d{3})?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex GeneratedTimestamp();
}
