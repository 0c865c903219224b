using System.Text.Json.Serialization;

namespace Governance.Core.Presentation.Reports;

public sealed record OpenLineageRun([property: JsonPropertyName("runId")] string RunId);

public sealed record OpenLineageJob(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("facets"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenLineageJobFacets? Facets = null);

/// <summary>
/// The job facets the export fills: what kind of job it is, who owns it, and where its code lives (in the standard
/// facet when the repository is a URL, else in this service's own facet).
/// </summary>
public sealed record OpenLineageJobFacets(
    [property: JsonPropertyName("jobType")] JobTypeFacet JobType,
    [property: JsonPropertyName("ownership"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OwnershipFacet? Ownership = null,
    [property: JsonPropertyName("sourceCodeLocation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SourceCodeLocationFacet? SourceCodeLocation = null,
    [property: JsonPropertyName("mlGovernance_codeRevision"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CodeRevisionFacet? CodeRevision = null);

/// <summary>The OpenLineage <c>JobTypeJobFacet</c> (2-0-4).</summary>
public sealed record JobTypeFacet(
    [property: JsonPropertyName("_producer")] string Producer,
    [property: JsonPropertyName("_schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("processingType")] string ProcessingType,
    [property: JsonPropertyName("integration")] string Integration,
    [property: JsonPropertyName("jobType")] string JobType);

/// <summary>The OpenLineage <c>OwnershipJobFacet</c> (1-0-1): the owning team as <c>team:&lt;name&gt;</c>.</summary>
public sealed record OwnershipFacet(
    [property: JsonPropertyName("_producer")] string Producer,
    [property: JsonPropertyName("_schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("owners")] IReadOnlyList<Owner> Owners);

public sealed record Owner([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("type")] string Type);

/// <summary>The OpenLineage <c>SourceCodeLocationJobFacet</c> (1-1-0): <c>url</c> is the repository, <c>version</c> the commit.</summary>
public sealed record SourceCodeLocationFacet(
    [property: JsonPropertyName("_producer")] string Producer,
    [property: JsonPropertyName("_schemaURL")] string SchemaUrl,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("repoUrl")] string RepoUrl,
    [property: JsonPropertyName("version")] string Version);

/// <summary>
/// This service's job facet for a code revision whose repository is not a URL (or not recorded); its schema is
/// <c>docs/openlineage/CodeRevisionJobFacet.json</c>.
/// </summary>
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
