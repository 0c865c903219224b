using Governance.Core.Flows;
using Governance.Core.Notifications;
using Governance.Core.Registry;

namespace Governance.Core.Tests.Flows;

/// <summary>One central group per team group: another account's group of the same name is never merged into it.</summary>
public sealed class CentralGroupOwnershipTests
{
    private static async Task<FlowFixture> WithCentralGroupAsync(IReadOnlyDictionary<string, string> tags)
    {
        var fixture = new FlowFixture();
        await fixture.Central.EnsureGroupAsync(new CentralGroupSpec("credit-risk", "an existing group", tags), CancellationToken.None);
        return fixture;
    }

    [Fact]
    public async Task Run_WhenTheCentralGroupHoldsAnotherAccountsModels_ShouldBlockNamingBothAccountsAndCopyNothing()
    {
        var fixture = await WithCentralGroupAsync(new Dictionary<string, string> { [ProvenanceTags.SourceAccount] = "222222222222" });

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.StartsWith("blocked by policy", result.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Central.Packages);
        Assert.Empty(fixture.Artifacts.CentralObjects);
        var blocked = Assert.Single(fixture.Notifier.Published);
        Assert.Equal(NotificationEventType.ModelBlocked, blocked.EventType);
        var details = blocked.Details.GetRawText();
        Assert.Contains("holds the models of team account 222222222222", details, StringComparison.Ordinal);
        Assert.Contains("a group of account 111111111111 with the same name is never merged", details, StringComparison.Ordinal);
        Assert.Equal(CentralGroups.RuleId, Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "model.blocked").Attributes["violations"]);
    }

    [Fact]
    public async Task Run_WhenTheCentralGroupIsUntagged_ShouldBlockSayingHowToConfirmItsOwner()
    {
        var fixture = await WithCentralGroupAsync(new Dictionary<string, string>());

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Empty(fixture.Central.Packages);
        Assert.Contains($"tag it {ProvenanceTags.SourceAccount}=111111111111", Assert.Single(fixture.Notifier.Published).Details.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenTheCentralGroupIsTheSameAccounts_ShouldSubmitIntoIt()
    {
        var fixture = await WithCentralGroupAsync(new Dictionary<string, string> { [ProvenanceTags.SourceAccount] = "111111111111" });

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Equal("credit-risk", Assert.Single(fixture.Central.Packages).Draft.GroupName);
    }

    [Fact]
    public async Task Run_WhenNoCentralGroupExists_ShouldCreateItTaggedWithThePackagesAccount()
    {
        var fixture = new FlowFixture();

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Equal("111111111111", fixture.Central.Groups["credit-risk"].Tags[ProvenanceTags.SourceAccount]);
    }
}
