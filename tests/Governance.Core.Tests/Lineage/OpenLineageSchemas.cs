using System.Text.Json;
using Governance.Local.Lambda;
using Governance.Testing;
using Json.Schema;

namespace Governance.Core.Tests.Lineage;

/// <summary>
/// The official OpenLineage schemas (../shared/openlineage: the spec and its facets, read in place) and this service's
/// own facet schemas (docs/openlineage), registered under their ids, evaluated by a real JSON Schema validator
/// (JsonSchema.Net: draft 2020-12, $ref across documents, allOf/anyOf, formats). A run event is checked against
/// <c>RunEvent</c>, and every facet in it against the schema its <c>_schemaURL</c> names.
/// </summary>
internal sealed class OpenLineageSchemas
{
    private const string RunEventUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public OpenLineageSchemas()
    {
        var files = new List<string> { SharedFolder.Combine("openlineage", "OpenLineage.json"), SharedFolder.Combine("openlineage", "SourceCodeLocationJobFacet-1-0-1.json") };
        files.AddRange(Directory.GetFiles(SharedFolder.Combine("openlineage", "facets"), "*.json").Order(StringComparer.Ordinal));
        files.AddRange(Directory.GetFiles(RepositoryRoot.Combine("docs", "openlineage"), "*.json").Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            JsonSchema.FromText(File.ReadAllText(file), _build);
        }
    }

    /// <summary>Every violation of the run event and of its facets, each as "where: what"; empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement runEvent)
    {
        var errors = Evaluate(RunEventUrl, runEvent, "$");
        foreach (var (path, facet) in Facets(runEvent))
        {
            errors.AddRange(facet.TryGetProperty("_schemaURL", out var url) && url.ValueKind == JsonValueKind.String
                ? Evaluate(url.GetString()!, facet, path)
                : [path + ": a facet without _schemaURL"]);
        }

        return errors;
    }

    private List<string> Evaluate(string schemaUrl, JsonElement instance, string path)
    {
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromText($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"{{schemaUrl}}"}""", _build);
        }
        catch (Exception exception) when (exception is JsonSchemaException or RefResolutionException or JsonException)
        {
            return [$"{path}: schema {schemaUrl} cannot be resolved: {exception.Message}"];
        }

        var results = schema.Evaluate(instance, _evaluation);
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{path}{detail.InstanceLocation}: {error.Key}: {error.Value}"))
                .DefaultIfEmpty($"{path}: does not match {schemaUrl}")];
    }

    private static IEnumerable<(string Path, JsonElement Facet)> Facets(JsonElement runEvent)
    {
        foreach (var owner in new[] { "run", "job" })
        {
            if (runEvent.TryGetProperty(owner, out var element) && element.TryGetProperty("facets", out var facets))
            {
                foreach (var facet in facets.EnumerateObject())
                {
                    yield return ($"$.{owner}.facets.{facet.Name}", facet.Value);
                }
            }
        }

        foreach (var side in new[] { "inputs", "outputs" })
        {
            if (!runEvent.TryGetProperty(side, out var datasets))
            {
                continue;
            }

            var index = 0;
            foreach (var dataset in datasets.EnumerateArray())
            {
                if (dataset.TryGetProperty("facets", out var facets))
                {
                    foreach (var facet in facets.EnumerateObject())
                    {
                        yield return ($"$.{side}[{index}].facets.{facet.Name}", facet.Value);
                    }
                }

                index++;
            }
        }
    }
}
