using Governance.Functions.Tests.Support;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.FlowLineageRouteTests;

namespace Governance.Functions.Tests.Lineage;

/// <summary>
/// Team scoping over the ledger the real flows filled for two teams (<see cref="FlowLineageBed"/>): a team's
/// lead sees the team's versions, endpoints, artifacts, violations and audit records, never the other team's,
/// by any route or page token.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FlowLineageScopingTests(MotoServer moto)
{
    [Fact]
    public async Task TeamLead_AskingForTheOtherTeamsRecords_ShouldGet404ByEveryRoute()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var fraud = flows.Fraud;
        (string Path, (string, string)[] Query)[] fraudRecords =
        [
            ($"/models/{fraud.Group}", []),
            ($"/models/{fraud.Group}/versions/1", []),
            ($"/models/{fraud.Group}/versions/1/timeline", []),
            ($"/endpoints/{fraud.Deployment.EndpointName}", [("account", fraud.Account)]),
            ("/artifacts", [("uri", fraud.ImageDigest)]),
            ("/artifacts", [("uri", fraud.V1.SourcePrefix)]),
            ("/artifacts", [("uri", $"s3://{flows.Bed.CentralBucket}/{fraud.Account}/")]),
            ("/audit", [("account", fraud.Account)]),
        ];

        foreach (var (path, query) in fraudRecords)
        {
            var asCredit = await flows.Api.GetAsync(path, FlowLineageBed.CreditLead, query);
            var asFraud = await flows.Api.GetAsync(path, FlowLineageBed.FraudLead, query);

            Assert.True(asCredit.Status == 404, $"credit lead got {asCredit.Status} for {path} {string.Join('&', query)}");
            Assert.True(asFraud.Status == 200, $"fraud lead got {asFraud.Status} for {path} {string.Join('&', query)}");
        }
    }

    [Fact]
    public async Task TeamLead_ListingSharedRecords_ShouldSeeOnlyItsTeamsEntries()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;
        var window = new[] { ("from", Instant(flows.AuditStart)), ("to", Instant(flows.AuditStart.AddMinutes(10))) };

        var bucket = Uses(await flows.Api.PagesAsync("/artifacts", FlowLineageBed.CreditLead, ("uri", $"s3://{flows.Bed.CentralBucket}"), ("limit", "2")));
        var violations = (await flows.Api.PagesAsync("/violations", FlowLineageBed.CreditLead)).SelectMany(page => page.GetProperty("violations").EnumerateArray()).ToList();
        var audit = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, FlowLineageBed.CreditLead, window);
        var fraudAudit = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, FlowLineageBed.FraudLead, window);
        var managerAudit = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, FlowBed.RiskManager, window);

        Assert.Equal(6, bucket.Count);
        Assert.Equal([credit.V1.Central, credit.Versions[1].Central], bucket.Select(UsedBy).Distinct().Order(StringComparer.Ordinal));
        Assert.All(bucket, use => Assert.StartsWith($"s3://{flows.Bed.CentralBucket}/{credit.Account}/", use.GetProperty("location").GetString(), StringComparison.Ordinal));
        Assert.Equal(credit.Account, Assert.Single(violations).GetProperty("account").GetString());
        Assert.NotEmpty(audit);
        Assert.NotEmpty(fraudAudit);
        Assert.All(audit, r => Assert.Equal(credit.Account, r.GetProperty("account").GetString()));
        Assert.All(fraudAudit, r => Assert.Equal(FlowLineageBed.FraudAccount, r.GetProperty("account").GetString()));
        Assert.Equal(managerAudit.Count, audit.Count + fraudAudit.Count);
    }

    [Fact]
    public async Task PageToken_IssuedToAnotherScope_ShouldBeRefused()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var bucket = $"s3://{flows.Bed.CentralBucket}";
        var managerPage = await flows.Api.GetAsync("/artifacts", FlowBed.RiskManager, ("uri", bucket), ("limit", "1"));
        var managerToken = managerPage.Body.GetProperty("next").GetString()!;
        var creditPage = await flows.Api.GetAsync($"/models/{flows.Credit.Group}", FlowLineageBed.CreditLead, ("limit", "1"));
        var creditToken = creditPage.Body.GetProperty("next").GetString()!;

        var replayedByCredit = await flows.Api.GetAsync("/artifacts", FlowLineageBed.CreditLead, ("uri", bucket), ("limit", "1"), ("next", managerToken));
        var otherPrefix = await flows.Api.GetAsync("/artifacts", FlowBed.RiskManager, ("uri", bucket + "/" + flows.Fraud.Account + "/"), ("limit", "1"), ("next", managerToken));
        var replayedByFraud = await flows.Api.GetAsync($"/models/{flows.Credit.Group}", FlowLineageBed.FraudLead, ("limit", "1"), ("next", creditToken));
        var sameCaller = await flows.Api.GetAsync("/artifacts", FlowBed.RiskManager, ("uri", bucket), ("limit", "1"), ("next", managerToken));

        Assert.Equal(400, replayedByCredit.Status);
        Assert.Equal("next", replayedByCredit.Parameter);
        Assert.Equal(400, otherPrefix.Status);
        Assert.Equal(400, replayedByFraud.Status);
        Assert.Equal(200, sameCaller.Status);
    }
}
