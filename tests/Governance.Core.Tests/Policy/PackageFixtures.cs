using System.Text.Json;
using Governance.Core.Registry;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Policy;

internal static class PackageFixtures
{
    public static readonly Dictionary<string, string> CompliantTags = new()
    {
        ["team"] = "credit-risk",
        ["cost-center"] = "CC-4711",
        ["data-classification"] = "confidential",
    };

    /// <summary>A fixture file, read in place from the checkout (the project copies only its top-level Fixtures folder).</summary>
    public static string Path(params string[] parts) =>
        RepositoryRoot.Combine(["tests", "Governance.Core.Tests", "Policy", "Fixtures", .. parts]);

    public static JsonElement Document(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path("packages", name + ".json")));
        return document.RootElement.Clone();
    }

    public static ModelPackage Compliant() => ModelPackageReader.Read(Document("compliant"), CompliantTags);

    public static ModelPackage Minimal() => ModelPackageReader.Read(Document("minimal"));

    /// <summary>The compliant package with one member of its description replaced (or removed when null).</summary>
    public static ModelPackage CompliantWith(string member, string? json, IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path("packages", "compliant.json")))!.AsObject();
        if (json is null)
        {
            node.Remove(member);
        }
        else
        {
            node[member] = System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return ModelPackageReader.Read(document.RootElement, tags ?? CompliantTags);
    }

    /// <summary>Every bucket the package's artifacts live in, owned by the package's own account.</summary>
    public static IReadOnlyDictionary<string, string> OwnBuckets(ModelPackage package) =>
        package.Artifacts.Select(artifact => artifact.Location?.Bucket).OfType<string>().Distinct(StringComparer.Ordinal)
            .ToDictionary(bucket => bucket, _ => package.Account, StringComparer.Ordinal);
}
