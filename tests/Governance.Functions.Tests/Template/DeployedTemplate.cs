using System.Text.Json.Nodes;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Functions.Tests.Template;

/// <summary>
/// template.yaml as CloudFormation will deploy it: after the SAM transform (scripts/template_json.py uses the
/// transform that cfn-lint ships), so the checks see the roles, rules and permissions SAM generates.
/// </summary>
public static class DeployedTemplate
{
    private static readonly Lazy<Task<JsonObject>> Central = new(() => LoadAsync("template.yaml"));

    public static Task<JsonObject> CentralAsync() => Central.Value;

    public static async Task<JsonObject> LoadAsync(string relativePath)
    {
        var result = await ExternalCommand.RunAsync("python3", [RepositoryRoot.Combine("scripts", "template_json.py"), RepositoryRoot.Combine(relativePath)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{relativePath} could not be transformed: {result.StandardError}");
        }

        return JsonNode.Parse(result.StandardOutput)?.AsObject() ?? throw new InvalidOperationException("empty template");
    }

    public static IEnumerable<KeyValuePair<string, JsonObject>> ResourcesOfType(this JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(resource => (string?)resource.Value!["Type"] == type)
            .Select(resource => KeyValuePair.Create(resource.Key, resource.Value!.AsObject()));

    public static IEnumerable<JsonNode> AsNodes(this JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Where(item => item is not null).Select(item => item!),
        _ => [node],
    };
}
