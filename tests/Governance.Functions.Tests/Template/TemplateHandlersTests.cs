using Governance.Core.Routing;

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
}
