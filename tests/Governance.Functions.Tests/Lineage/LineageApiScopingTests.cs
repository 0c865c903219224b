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

    [Fact]
    public async Task ScopedCaller_WithLimitOne_ShouldGetTheSameAnswerForAnotherTeamsLocationAsForAnEmptyOne()
    {
        var api = await CreateAsync(moto);
        var unique = MotoServer.UniqueName("only");
        var fraudOnly = $"s3://acme-ml-data/{unique}-fraud/train/";
        await new Governance.Aws.Ledger.DynamoDbLedgerWriter(api.Dynamo, api.Table, TimeProvider.System).RecordNodeAsync(
            new Governance.Core.Ledger.LedgerNode(new Governance.Core.Ledger.NodeRef(Governance.Core.Ledger.NodeTypes.Dataset, fraudOnly), Demo.FraudAccount, Demo.FraudGroup,
                new Dictionary<string, string>(), DateTimeOffset.UtcNow),
            CancellationToken.None);

        var theirs = await api.GetAsync("/artifacts", CreditLead, ("uri", $"s3://acme-ml-data/{unique}-f"), ("limit", "1"));
        var nobodys = await api.GetAsync("/artifacts", CreditLead, ("uri", $"s3://acme-ml-data/{unique}-x"), ("limit", "1"));
        var asFraud = await api.GetAsync("/artifacts", FraudLead, ("uri", $"s3://acme-ml-data/{unique}-f"), ("limit", "1"));

        Assert.Equal(404, theirs.Status);
        Assert.Equal(nobodys.Status, theirs.Status);
        Assert.Equal(nobodys.Body.GetRawText().Replace("-x", "-f", StringComparison.Ordinal), theirs.Body.GetRawText());
        Assert.NotEqual(500, asFraud.Status);
    }

    [Theory]
    [InlineData("/violations")]
    [InlineData("/audit")]
    public async Task ScopedCaller_PagingOneByOne_ShouldNeverGetAnEmptyPageBeforeTheLast(string path)
    {
        // The demo ledger, plus another team's violation older than all of the caller's, first in the open-violations index.
        var dynamo = Client(moto);
        var table = MotoServer.UniqueName("scoped");
        await Governance.Aws.Ledger.LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
        var writer = new Governance.Aws.Ledger.DynamoDbLedgerWriter(dynamo, table, TimeProvider.System);
        await Demo.SeedAsync(writer, CancellationToken.None);
        var early = new Governance.Core.Ledger.NodeRef(Governance.Core.Ledger.NodeTypes.Violation, $"early-rule|AWS::SageMaker::Endpoint|{Demo.FraudEndpointName}|{Demo.FraudAccount}|{Demo.Region}");
        await writer.SetViolationAsync(new Governance.Core.Ledger.ViolationState(
            early, new Governance.Core.Ledger.NodeRef(Governance.Core.Ledger.NodeTypes.Endpoint, Demo.EndpointArn(Demo.FraudAccount, Demo.FraudEndpointName)),
            "early-rule", "high", Demo.FraudAccount, Governance.Core.Ledger.ViolationStatus.Open, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), "early"), CancellationToken.None);
        var api = Over(dynamo, table, Governance.Local.Lambda.RepositoryRoot.Combine("config", "scoping.json"));
        (string, string)[] query = path == "/audit" ? [("from", "2025-03-01"), ("to", "2025-03-10"), ("limit", "1")] : [("limit", "1")];
        var items = path == "/audit" ? "records" : "violations";

        var pages = await api.PagesAsync(path, CreditLead, query);

        Assert.All(pages.SkipLast(1), page => Assert.NotEqual(0, page.GetProperty(items).GetArrayLength()));
        Assert.All(pages.SelectMany(page => page.GetProperty(items).EnumerateArray()), item => Assert.Equal(Demo.CreditAccount, item.GetProperty("account").GetString()));
        Assert.True(pages.Sum(page => page.GetProperty(items).GetArrayLength()) > 0);
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
