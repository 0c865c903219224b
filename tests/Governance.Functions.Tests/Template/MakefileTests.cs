using Governance.Local.Lambda;
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

    [Fact]
    public async Task Package_ShouldZipEveryFunctionAndRefuseAPackageAboveTenMegabytes()
    {
        var dryRun = await ExternalCommand.RunAsync("make", ["-n", "-B", "package"]);

        Assert.True(dryRun.ExitCode == 0, $"make -n package: {dryRun.StandardError}");
        Assert.Contains("zip -qr9", dryRun.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-le 10000000", dryRun.StandardOutput, StringComparison.Ordinal);
        foreach (var function in new[] { "RegistrySync", "DeploymentTrigger", "PipelineMonitor", "ComplianceMonitor", "AuditTrail", "LineageApi" })
        {
            Assert.Contains(function, dryRun.StandardOutput, StringComparison.Ordinal);
        }
    }
}
