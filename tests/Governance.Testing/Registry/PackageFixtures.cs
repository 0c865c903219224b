using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.SageMaker;
using CoreModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Testing.Registry;

/// <summary>Model packages read from the DescribeModelPackage documents under <c>Fixtures/packages</c>.</summary>
public static class PackageFixtures
{
    public static readonly Dictionary<string, string> CompliantTags = new()
    {
        ["team"] = "credit-risk",
        ["cost-center"] = "CC-4711",
        ["data-classification"] = "confidential",
    };

    /// <summary>The text of a package description fixture.</summary>
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "packages", name + ".json"));

    public static JsonElement Document(string name)
    {
        using var document = JsonDocument.Parse(Text(name));
        return document.RootElement.Clone();
    }

    public static CoreModelPackage Compliant() => ModelPackageReader.Read(Document("compliant"), CompliantTags);

    public static CoreModelPackage Minimal() => ModelPackageReader.Read(Document("minimal"));

    /// <summary>The compliant package with one member of its description replaced (or removed when null).</summary>
    public static CoreModelPackage CompliantWith(string member, string? json, IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        var node = JsonNode.Parse(Text("compliant"))!.AsObject();
        if (json is null)
        {
            node.Remove(member);
        }
        else
        {
            node[member] = JsonNode.Parse(json);
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return ModelPackageReader.Read(document.RootElement, tags ?? CompliantTags);
    }
}
