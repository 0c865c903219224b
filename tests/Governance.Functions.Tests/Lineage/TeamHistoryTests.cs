using System.Text.Json;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Local.Lambda;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;

namespace Governance.Functions.Tests.Lineage;

/// <summary>
/// The team-side history as the risk manager sees it through the lineage API, over what RegistrySync recorded on
/// moto: a blocked team package answers with why, and a synced version's timeline holds the team-side chain too.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class TeamHistoryTests(MotoServer moto)
{
    [Fact]
    public async Task Version_OfABlockedTeamPackage_ShouldSayItWasBlockedWithEachRulesExplanation()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await SyncAsync(bed, compliant: false);
        var api = Over(bed.Dynamo, bed.Table, RepositoryRoot.Combine("config", "scoping.json"));

        var answer = await api.GetAsync($"/models/{bed.TeamGroup}/versions/1", RiskManager, ("account", FlowBed.TeamAccount), ("region", MotoServer.Region));

        Assert.Equal(200, answer.Status);
        var summary = answer.Body.GetProperty("summary");
        Assert.Equal(source, summary.GetProperty("arn").GetString());
        Assert.Equal("Blocked", summary.GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, answer.Body.GetProperty("downstream").GetProperty("centralPackage").ValueKind);
        var policy = answer.Body.GetProperty("policy");
        Assert.Equal("blocked", policy.GetProperty("outcome").GetString());
        var failed = policy.GetProperty("rules").EnumerateArray().Where(rule => !rule.GetProperty("passed").GetBoolean()).ToList();
        Assert.Contains(failed, rule => rule.GetProperty("rule").GetString() == "imageDigest");
        Assert.All(failed, rule => Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("explanation").GetString())));
    }

    [Fact]
    public async Task Version_OfABlockedTeamPackageWithoutTheAccount_ShouldNotBeAnsweredWithTheCentralVersionOfThatNumber()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        await SyncAsync(bed, compliant: false);
        var api = Over(bed.Dynamo, bed.Table, RepositoryRoot.Combine("config", "scoping.json"));

        var answer = await api.GetAsync($"/models/{bed.TeamGroup}/versions/1", RiskManager);

        Assert.Equal(404, answer.Status);
    }

    [Fact]
    public async Task Timeline_OfASyncedVersion_ShouldMergeTheTeamSideChainWithTheCentralChainInOrder()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await SyncAsync(bed, compliant: true);
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        var api = Over(bed.Dynamo, bed.Table, RepositoryRoot.Combine("config", "scoping.json"));

        var pages = await api.PagesAsync($"/models/{bed.TeamGroup}/versions/1/timeline", RiskManager, ("limit", "3"));

        var records = pages.SelectMany(page => page.GetProperty("records").EnumerateArray()).ToList();
        Assert.True(pages.Count >= 3, "nine or more records at three a page take three pages");
        var kinds = records.Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["model.approved", "policy.decision"], kinds.Take(2));
        Assert.True(kinds.LastIndexOf("artifact.copied") < kinds.IndexOf("model.submitted"), string.Join(", ", kinds));
        var subjects = records.Select(r => r.GetProperty("subject").GetString()).ToHashSet();
        Assert.Equal(["CentralPackage:" + central, "SourcePackage:" + source], subjects.Order(StringComparer.Ordinal));
        foreach (var chain in records.GroupBy(r => r.GetProperty("subject").GetString()))
        {
            var sequences = chain.Select(r => r.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        }

        var decision = records.Single(r => r.GetProperty("kind").GetString() == "policy.decision");
        Assert.Contains("explanation", decision.GetProperty("attributes").GetProperty("results").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_ByTeamPackage_ShouldBeTheVersionItBecameWithThePolicyDecision()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await SyncAsync(bed, compliant: true);
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        var api = Over(bed.Dynamo, bed.Table, RepositoryRoot.Combine("config", "scoping.json"));

        var answer = await api.GetAsync($"/models/{bed.TeamGroup}/versions/1", RiskManager, ("account", FlowBed.TeamAccount));

        Assert.Equal(200, answer.Status);
        Assert.Equal(central, answer.Body.GetProperty("summary").GetProperty("arn").GetString());
        Assert.Equal(source, answer.Body.GetProperty("summary").GetProperty("sourcePackageArn").GetString());
        Assert.StartsWith("allowed", answer.Body.GetProperty("policy").GetProperty("outcome").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> SyncAsync(FlowBed bed, bool compliant)
    {
        var source = await bed.TeamPackageAsync(compliant);
        var (function, _) = bed.Function(HandlerNames.RegistrySync);
        var result = await FlowBed.InvokeAsync(function, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source));
        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        return source;
    }
}
