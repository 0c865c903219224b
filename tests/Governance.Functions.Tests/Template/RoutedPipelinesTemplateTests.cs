using System.Text.Json.Nodes;
using Governance.Core.Routing;
using Governance.Functions.Tests.Iam;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Iam;

namespace Governance.Functions.Tests.Template;

/// <summary>DeploymentTrigger may start exactly the pipelines config/routing.json names, and every rule filters on an AWS source.</summary>
public class RoutedPipelinesTemplateTests
{
    [Fact]
    public async Task DeploymentTriggerPolicy_ShouldNameExactlyThePipelinesTheRoutingConfigurationNames()
    {
        var organisation = await IamOrganisation.LoadAsync();
        var routing = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "routing.json")))!;
        var routed = routing["routes"].AsNodes().Select(route => route["target"]!)
            .ToLookup(target => (string)target["type"]!, target => (string)target["pipelineName"]!);
        var statements = organisation.FunctionPolicies(HandlerNames.DeploymentTrigger).SelectMany(policy => policy["Statement"].AsStatements()).ToList();

        var sageMaker = Resources(statements, "sagemaker:StartPipelineExecution").Select(arn => arn[(arn.IndexOf(":pipeline/", StringComparison.Ordinal) + 10)..]);
        var codePipeline = Resources(statements, "codepipeline:StartPipelineExecution").Select(arn => arn[(arn.LastIndexOf(':') + 1)..]);

        Assert.Equal(routed["sageMakerPipeline"].Order(StringComparer.Ordinal), sageMaker.Order(StringComparer.Ordinal));
        Assert.Equal(routed["codePipeline"].Order(StringComparer.Ordinal), codePipeline.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("templates/team-account.yaml")]
    public async Task EveryRule_ShouldFilterOnAnAwsSource(string path)
    {
        var template = await DeployedTemplate.LoadAsync(path);

        var patterns = template.ResourcesOfType("AWS::Events::Rule")
            .Where(rule => rule.Value["Properties"]!["EventPattern"] is not null)
            .Select(rule => (rule.Key, Sources: rule.Value["Properties"]!["EventPattern"]!["source"].AsNodes().Select(source => (string?)source).ToList()))
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, pattern =>
        {
            Assert.True(pattern.Sources.Count > 0, $"{pattern.Key} does not filter on source");
            Assert.All(pattern.Sources, source => Assert.StartsWith("aws.", source, StringComparison.Ordinal));
        });
    }

    private static IEnumerable<string> Resources(IEnumerable<JsonObject> statements, string action) =>
        statements.Where(statement => (string?)statement["Effect"] == "Allow" && statement["Action"].Strings().Contains(action))
            .SelectMany(statement => statement["Resource"].Strings());
}
