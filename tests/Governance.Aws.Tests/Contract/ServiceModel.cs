using System.Collections.Concurrent;
using System.Text.Json;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// An official service model (botocore service-2.json) read from ../shared/aws/models, or, for a service the shared
/// folder lacks (Secrets Manager), from the botocore package installed on the machine: the same published models.
/// </summary>
public sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, ServiceModel> Loaded = new(StringComparer.Ordinal);

    private readonly JsonElement _root;

    private ServiceModel(JsonElement root) => _root = root;

    public static ServiceModel Load(string name) =>
        Loaded.GetOrAdd(name, static n =>
        {
            var shared = SharedFolder.Combine("aws", "models", n + ".service-2.json");
            using var document = JsonDocument.Parse(File.Exists(shared) ? File.ReadAllBytes(shared) : Botocore(n));
            return new ServiceModel(document.RootElement.Clone());
        });

    private static byte[] Botocore(string service)
    {
        var found = Governance.Testing.ExternalCommand.RunAsync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], timeout: TimeSpan.FromSeconds(30))
            .GetAwaiter().GetResult();
        var folder = Path.Combine(found.StandardOutput.Trim(), "data", service);
        var model = Directory.GetFiles(folder, "service-2.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Last();
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(model), System.IO.Compression.CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

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
