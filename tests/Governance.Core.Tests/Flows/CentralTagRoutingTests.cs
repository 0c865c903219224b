using Governance.Core.Flows;
using Governance.Local.Lambda;

namespace Governance.Core.Tests.Flows;

/// <summary>The policy's <c>centralTags</c> travel to the central package, so the shipped routing's tag route matches real approvals.</summary>
public sealed class CentralTagRoutingTests
{
    private const string Policy = """{"version":1,"centralTags":["deployment","cost-center"],"rules":{"requiredTags":{"mode":"block","keys":["team"]}}}""";

    [Fact]
    public async Task Sync_ShouldCarryTheAllowListedTagsAndNoOthersToTheCentralPackage()
    {
        var fixture = new FlowFixture(policy: Policy, tags: Tags(("deployment", "codepipeline"), ("scratch", "x")));

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var tags = Assert.Single(fixture.Central.Packages).Draft.Tags;
        Assert.Equal("codepipeline", tags["deployment"]);
        Assert.Equal("credit", tags["team"]);
        Assert.False(tags.ContainsKey("scratch"));
        Assert.False(tags.ContainsKey("cost-center"));
    }

    [Theory]
    [InlineData("codepipeline", "codePipeline", "model-deployment-codepipeline")]
    [InlineData(null, "sageMakerPipeline", "model-deployment")]
    public async Task ShippedRouting_WhenTheApprovalEventCarriesNoDeploymentTag_ShouldRouteOnTheTagRecordedAtSync(string? deployment, string type, string pipeline)
    {
        var fixture = new FlowFixture(policy: Policy, tags: deployment is null ? Tags() : Tags(("deployment", deployment)));
        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);
        var central = Assert.Single(fixture.Central.Packages).Arn;
        fixture.Central.Decide(central, "Approved");
        var approval = FlowFixture.Approval(central);

        await fixture.Deployment(File.ReadAllText(RepositoryRoot.Combine("config", "routing.json"))).RunAsync(approval, CancellationToken.None);

        Assert.False(approval.EventTags.ContainsKey("deployment"));
        var start = Assert.Single(fixture.Launcher.Starts);
        Assert.Equal((type, pipeline), (start.Target.Type, start.Target.PipelineName));
        Assert.Equal(central, start.Parameters["ModelPackageArn"]);
    }

    private static Dictionary<string, string> Tags(params (string Key, string Value)[] extra)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "credit" };
        foreach (var (key, value) in extra)
        {
            tags[key] = value;
        }

        return tags;
    }
}
