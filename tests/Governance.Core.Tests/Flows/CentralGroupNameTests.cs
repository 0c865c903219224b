using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Tests.Flows;

/// <summary>One central group per team group: <c>&lt;team-account&gt;-&lt;group&gt;</c>, never two teams' groups merged.</summary>
public sealed class CentralGroupNameTests
{
    private const string OtherTeamArn = "arn:aws:sagemaker:us-east-1:222222222222:model-package/credit-risk/3";

    [Fact]
    public async Task Sync_OfTwoTeamsGroupsWithTheSameName_ShouldCreateTwoCentralGroups()
    {
        var fixture = new FlowFixture();
        Assert.True(ModelPackageArn.TryParse(FlowFixture.SourceArn, out var firstArn));
        Assert.True(ModelPackageArn.TryParse(OtherTeamArn, out var otherArn));
        var first = await fixture.Team.DescribeAsync(firstArn!, new Dictionary<string, string>(), CancellationToken.None);
        fixture.Team.Add(first with { Arn = otherArn! });

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);
        await fixture.Sync().RunAsync(FlowFixture.Approval(OtherTeamArn), CancellationToken.None);

        Assert.Equal(["111111111111-credit-risk", "222222222222-credit-risk"], fixture.Central.Groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["111111111111-credit-risk", "222222222222-credit-risk"],
            fixture.Central.Packages.Select(package => package.Draft.GroupName).Order(StringComparer.Ordinal));
        Assert.Equal("credit-risk", fixture.Central.Groups["222222222222-credit-risk"].Tags[ProvenanceTags.SourceGroup]);
        var central = new NodeRef(NodeTypes.CentralPackage, fixture.Central.Packages[0].Arn);
        Assert.Equal("credit-risk", (await fixture.Ledger.GetNodeAsync(central, CancellationToken.None))!.Attributes[RegistrySyncFlow.SourceGroupAttribute]);
    }

    [Fact]
    public void CentralGroupName_WhenLongerThanSageMakerAllows_ShouldStayUniqueWithinSixtyThreeCharacters()
    {
        var group = new string('a', 60);

        var name = FlowKeys.CentralGroupName("111111111111", group);
        var other = FlowKeys.CentralGroupName("111111111111", group + "b");

        Assert.Equal(FlowKeys.MaxGroupNameLength, name.Length);
        Assert.StartsWith("111111111111-aaaa", name, StringComparison.Ordinal);
        Assert.NotEqual(name, other);
        Assert.Matches("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$", name);
    }
}
