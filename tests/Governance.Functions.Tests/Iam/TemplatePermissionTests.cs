using Governance.Testing.Iam;

namespace Governance.Functions.Tests.Iam;

/// <summary>
/// Both templates, resolved into concrete policies, evaluated the way AWS evaluates them (identity and resource
/// policies, conditions, cross-account rules) by an IAM policy engine: each row is a permission the product needs
/// or must never grant. moto cannot show any of this: it evaluates identity policies only.
/// </summary>
public sealed class TemplatePermissionTests(IamSimulator engine) : IClassFixture<IamSimulator>
{
    private static readonly Lazy<Task<IamOrganisation>> Organisation = new(IamOrganisation.LoadAsync);

    public static TheoryData<string> Scenarios => [.. PermissionScenarios.All.Select(scenario => scenario.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_ShouldGetTheDecisionAwsWouldGive(string name)
    {
        var scenario = PermissionScenarios.Named(name);
        var organisation = await Organisation.Value;

        var decision = await engine.DecideAsync(scenario.Build(organisation));

        Assert.True(scenario.Allowed == (decision == "Allowed"), $"{name}: expected {(scenario.Allowed ? "Allowed" : "a denial")} ({scenario.Why}), the engine said {decision}");
    }

    [Fact]
    public void Scenarios_ShouldHaveUniqueNamesAndCoverBothDecisions()
    {
        var names = PermissionScenarios.All.Select(scenario => scenario.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(PermissionScenarios.All, scenario => scenario.Allowed);
        Assert.Contains(PermissionScenarios.All, scenario => !scenario.Allowed);
    }
}
