using System.Collections.Concurrent;
using System.Text.Json;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>An official service model (botocore service-2.json) read from ../shared/aws/models.</summary>
public sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, ServiceModel> Loaded = new(StringComparer.Ordinal);

    private readonly JsonElement _root;

    private ServiceModel(JsonElement root) => _root = root;

    public static ServiceModel Load(string name) =>
        Loaded.GetOrAdd(name, static n =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFolder.Combine("aws", "models", n + ".service-2.json")));
            return new ServiceModel(document.RootElement.Clone());
        });

    public string Metadata(string key) => _root.GetProperty("metadata").GetProperty(key).GetString()!;

    public string Protocol => Metadata("protocol");

    public JsonElement Shape(string name) => _root.GetProperty("shapes").GetProperty(name);

    public bool HasOperation(string operation) => _root.GetProperty("operations").TryGetProperty(operation, out _);

    public string InputShape(string operation) => OperationShape(operation, "input");

    public string OutputShape(string operation) => OperationShape(operation, "output");

    /// <summary>The output's resultWrapper (query protocol), e.g. PublishResult.</summary>
    public string? ResultWrapper(string operation) =>
        _root.GetProperty("operations").GetProperty(operation).GetProperty("output").TryGetProperty("resultWrapper", out var wrapper)
            ? wrapper.GetString()
            : null;

    public IReadOnlyDictionary<string, string> Members(string structure) =>
        Shape(structure).GetProperty("members").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetProperty("shape").GetString()!, StringComparer.Ordinal);

    private string OperationShape(string operation, string direction) =>
        _root.GetProperty("operations").GetProperty(operation).GetProperty(direction).GetProperty("shape").GetString()!;
}
