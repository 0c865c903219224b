using System.Reflection;
using Governance.Core.Routing;
using Governance.Handlers.Settings;

namespace Governance.Functions.Tests.Template;

public class TemplateHandlersTests
{
    [Fact]
    public async Task Template_ShouldDeployExactlyOneFunctionPerHandler()
    {
        var template = await DeployedTemplate.CentralAsync();

        var handlers = template.ResourcesOfType("AWS::Lambda::Function")
            .Select(function => (string?)function.Value["Properties"]!["Handler"])
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(HandlerNames.All.Order(StringComparer.Ordinal), handlers);
    }

    [Fact]
    public async Task EveryGovernanceVariableTheTemplateSets_ShouldBeOneSettingNamesDefines()
    {
        var template = await DeployedTemplate.CentralAsync();
        var defined = typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        var set = template.ResourcesOfType("AWS::Lambda::Function")
            .SelectMany(function => function.Value["Properties"]!["Environment"]?["Variables"]?.AsObject().Select(variable => variable.Key) ?? [])
            .Where(name => name.StartsWith("GOVERNANCE_", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains(SettingNames.DigestBucket, set);
        Assert.Contains(SettingNames.CopierRoleArn, set);
        Assert.All(set, name => Assert.Contains(name, defined));
    }
}
