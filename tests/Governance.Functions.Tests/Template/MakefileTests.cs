using Governance.Testing;

namespace Governance.Functions.Tests.Template;

public class MakefileTests
{
    [Fact]
    public async Task EveryMakefileBuiltFunction_ShouldHaveTheBuildTargetSamCalls()
    {
        var template = await DeployedTemplate.LoadAsync("template.yaml");
        var raw = await ExternalCommand.RunAsync("python3", [RepositoryRoot.Combine("scripts", "template_json.py"), RepositoryRoot.Combine("template.yaml"), "--raw"]);
        var functions = System.Text.Json.Nodes.JsonNode.Parse(raw.StandardOutput)!["Resources"]!.AsObject()
            .Where(resource => (string?)resource.Value!["Type"] == "AWS::Serverless::Function")
            .ToList();

        Assert.Equal(template.ResourcesOfType("AWS::Lambda::Function").Count(), functions.Count);
        foreach (var (logicalId, function) in functions)
        {
            Assert.Equal("makefile", (string?)function!["Metadata"]!["BuildMethod"]);
            var dryRun = await ExternalCommand.RunAsync("make", ["-n", "-B", $"build-{logicalId}", $"ARTIFACTS_DIR={Path.GetTempPath()}"]);
            Assert.True(dryRun.ExitCode == 0, $"make build-{logicalId}: {dryRun.StandardError}");
            Assert.Contains("dotnet publish", dryRun.StandardOutput, StringComparison.Ordinal);
        }
    }
}
