using Governance.Local.Ports;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Functions.Tests.Lineage;

/// <summary>A scoped caller sees only its teams' accounts, by every route and with every token; strangers are refused.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LineageApiScopingTests(MotoServer moto)
{
    public static TheoryData<string, string, string> FraudRecords => new()
    {
        { "/models/fraud-detection", "", "" },
        { "/models/fraud-detection/versions/1", "", "" },
        { "/models/fraud-detection/versions/1/timeline", "", "" },
        { $"/endpoints/{Demo.FraudEndpointName}", "account", Demo.FraudAccount },
        { "/audit", "account", Demo.FraudAccount },
    };

    [Theory]
    [MemberData(nameof(FraudRecords))]
    public async Task ScopedCaller_AskingForAnotherTeamsRecords_ShouldGet404(string path, string key, string value)
    {
        var api = await CreateAsync(moto);
        (string, string)[] query = key.Length == 0 ? [] : [(key, value)];

        var asCredit = await api.GetAsync(path, CreditLead, query);
        var asFraud = await api.GetAsync(path, FraudLead, query);

        Assert.Equal(404, asCredit.Status);
        Assert.Equal(200, asFraud.Status);
    }

    [Fact]
    public async Task ScopedCaller_ListingSharedOrGlobalRecords_ShouldSeeOnlyItsTeams()
    {
        var api = await CreateAsync(moto);

        var uses = await api.PagesAsync("/artifacts", CreditLead, ("uri", Demo.SharedDataset), ("limit", "1"));
        var violations = await api.PagesAsync("/violations", CreditLead);
        var audit = await LineageApiRouteTests.CollectRecordsAsync(api, CreditLead, ("from", "2025-03-01"), ("to", "2025-03-10"));
        var fraudAudit = await LineageApiRouteTests.CollectRecordsAsync(api, FraudLead, ("from", "2025-03-01"), ("to", "2025-03-10"));

        var useArns = uses.SelectMany(page => page.GetProperty("uses").EnumerateArray()).Select(use => use.GetProperty("modelPackageArn").GetString()).ToList();
        Assert.Equal(3, useArns.Count);
        Assert.All(useArns, arn => Assert.Contains("credit-risk-scoring", arn, StringComparison.Ordinal));
        Assert.All(violations.SelectMany(page => page.GetProperty("violations").EnumerateArray()), v => Assert.Equal(Demo.CreditAccount, v.GetProperty("account").GetString()));
        Assert.NotEmpty(audit);
        Assert.All(audit, r => Assert.Equal(Demo.CreditAccount, r.GetProperty("account").GetString()));
        Assert.All(fraudAudit, r => Assert.Equal(Demo.FraudAccount, r.GetProperty("account").GetString()));
        Assert.NotEmpty(fraudAudit);
    }

    [Theory]
    [InlineData(Stranger)]
    [InlineData("arn:aws:iam::999999999999:user/someone")]
    [InlineData(null)]
    public async Task CallerOutsideTheScopingConfiguration_ShouldBeRefused403OnEveryRoute(string? caller)
    {
        var api = await CreateAsync(moto);
        string[] paths = ["/models/credit-risk-scoring", "/models/credit-risk-scoring/versions/1", "/models/credit-risk-scoring/versions/1/timeline",
            $"/endpoints/{Demo.CreditEndpointName}", "/artifacts", "/violations", "/audit"];

        foreach (var path in paths)
        {
            var answer = await api.GetAsync(path, caller);
            Assert.Equal(403, answer.Status);
        }
    }

    [Fact]
    public async Task PageToken_FromAnotherCallersScopeOrAnotherQuery_ShouldBeRefused()
    {
        var api = await CreateAsync(moto);
        var managerPage = await api.GetAsync("/models/credit-risk-scoring", RiskManager, ("limit", "1"));
        var managerToken = managerPage.Body.GetProperty("next").GetString()!;
        var creditPage = await api.GetAsync("/violations", CreditLead, ("limit", "1"));
        var creditToken = creditPage.Body.GetProperty("next").GetString()!;

        var replayedByCredit = await api.GetAsync("/models/credit-risk-scoring", CreditLead, ("limit", "1"), ("next", managerToken));
        var replayedByFraud = await api.GetAsync("/violations", FraudLead, ("limit", "1"), ("next", creditToken));
        var otherRoute = await api.GetAsync("/models/credit-risk-scoring/versions/1/timeline", RiskManager, ("next", managerToken));
        var sameCaller = await api.GetAsync("/models/credit-risk-scoring", RiskManager, ("limit", "1"), ("next", managerToken));

        Assert.Equal(400, replayedByCredit.Status);
        Assert.Equal("next", replayedByCredit.Parameter);
        Assert.Equal(400, replayedByFraud.Status);
        Assert.Equal(400, otherRoute.Status);
        Assert.Equal(200, sameCaller.Status);
    }
}
