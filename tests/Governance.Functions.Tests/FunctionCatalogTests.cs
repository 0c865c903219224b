using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Hosting.Runtime;

namespace Governance.Functions.Tests;

public class FunctionCatalogTests
{
    [Fact]
    public void Create_WhenHandlerIsUnknown_ShouldListTheKnownHandlers()
    {
        var error = Assert.Throws<UnknownHandlerException>(() => TestFunctions.Create("RegistrySink"));

        Assert.All(HandlerNames.All, name => Assert.Contains(name, error.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("registrysync")]
    [InlineData(" AuditTrail ")]
    public void Create_ShouldMatchHandlerNamesIgnoringCaseAndSpaces(string name)
    {
        var (function, _) = TestFunctions.Create(name);

        Assert.IsType<EventFunction>(function);
    }

    [Fact]
    public void Create_ShouldBuildEveryEventDrivenHandler()
    {
        Assert.All(HandlerNames.All.Where(name => name is not HandlerNames.LineageApi and not HandlerNames.LedgerAnchor), name => Assert.IsType<EventFunction>(TestFunctions.Create(name).Function));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("12345", "12-digit")]
    [InlineData("abcdefghijkl", "12-digit")]
    public void Settings_WhenCentralAccountIsMissingOrMalformed_ShouldSayWhatIsWrong(string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionSettings.FromEnvironment(_ => value));

        Assert.Contains(FunctionSettings.CentralAccountVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
