using System.Text.Json;
using Governance.Local.Ports;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Functions.Tests.Lineage;

/// <summary>Every route of the lineage API against a moto-backed ledger, as a risk manager sees it.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LineageApiRouteTests(MotoServer moto)
{
    private const string Models = "/models/credit-risk-scoring";

    [Fact]
    public async Task Models_ShouldListEveryVersionWithItsApprovalsAndDeployments()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync(Models, RiskManager);

        Assert.Equal(200, answer.Status);
        var versions = answer.Body.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32());
        Assert.Equal([1, 2, 3], versions.Keys.Order());
        Assert.Equal("Approved", versions[1].GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Equal(Demo.RiskManager, versions[1].GetProperty("centralApproval").GetProperty("by").GetString());
        Assert.Equal("Rejected", versions[2].GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Equal("PendingManualApproval", versions[3].GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Equal(Demo.CreditLead, versions[1].GetProperty("localApproval").GetProperty("by").GetString());
        Assert.Equal(Demo.CreditAccount, versions[2].GetProperty("sourceAccount").GetString());
        var deployment = Assert.Single(versions[1].GetProperty("deployments").EnumerateArray());
        Assert.Equal(Demo.EndpointArn(Demo.CreditAccount, Demo.CreditEndpointName), deployment.GetProperty("endpoint").GetString());
        Assert.True(deployment.GetProperty("current").GetBoolean());
        Assert.Empty(versions[3].GetProperty("deployments").EnumerateArray());
    }

    [Fact]
    public async Task Models_WithLimitOne_ShouldPageThroughEveryVersionOnce()
    {
        var api = await CreateAsync(moto);

        var pages = await api.PagesAsync(Models, RiskManager, ("limit", "1"));

        Assert.Equal(3, pages.Count);
        Assert.Equal([1, 2, 3], pages.SelectMany(page => page.GetProperty("versions").EnumerateArray()).Select(v => v.GetProperty("version").GetInt32()).Order());
    }

    [Fact]
    public async Task Version_ShouldShowUpstreamAndDownstreamLineage()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync($"{Models}/versions/1", RiskManager);

        Assert.Equal(200, answer.Status);
        var up = answer.Body.GetProperty("upstream");
        Assert.Equal($"arn:aws:sagemaker:us-east-1:{Demo.CreditAccount}:model-package/credit-risk-scoring/3", up.GetProperty("sourcePackage").GetProperty("id").GetString());
        Assert.Equal(Demo.CreditAccount, up.GetProperty("account").GetString());
        Assert.Equal(Demo.CreditLead, up.GetProperty("approver").GetString());
        Assert.Single(up.GetProperty("trainingJobs").EnumerateArray());
        Assert.Equal([Demo.CreditTrainingData, Demo.SharedDataset], Ids(up.GetProperty("datasets")).Order(StringComparer.Ordinal));
        var image = Assert.Single(up.GetProperty("images").EnumerateArray());
        Assert.Equal(Demo.CreditImageDigest, image.GetProperty("id").GetString());
        Assert.Equal(Demo.CreditImageUri, image.GetProperty("attributes").GetProperty("uri").GetString());
        Assert.Equal(Demo.CreditArtifactChecksum, Assert.Single(Ids(up.GetProperty("artifacts"))));
        Assert.StartsWith("git:9c1e2f7", up.GetProperty("codeRevision").GetProperty("revision").GetString(), StringComparison.Ordinal);

        var down = answer.Body.GetProperty("downstream");
        Assert.Equal(Demo.CentralArn(Demo.CreditGroup, 1), down.GetProperty("centralPackage").GetProperty("id").GetString());
        Assert.Equal("Succeeded", Assert.Single(down.GetProperty("executions").EnumerateArray()).GetProperty("status").GetString());
        Assert.Single(down.GetProperty("models").EnumerateArray());
        Assert.Single(down.GetProperty("endpointConfigs").EnumerateArray());
        Assert.Equal(Demo.EndpointArn(Demo.CreditAccount, Demo.CreditEndpointName), Assert.Single(Ids(down.GetProperty("endpoints"))));
        Assert.Single(down.GetProperty("violations").EnumerateArray());
        Assert.Contains(answer.Body.GetProperty("edges").EnumerateArray(), edge => edge.GetProperty("relation").GetString() == "copied-to");
    }

    [Fact]
    public async Task Timeline_ShouldReturnTheRecordsInSequenceAcrossPages()
    {
        var api = await CreateAsync(moto);

        var pages = await api.PagesAsync($"{Models}/versions/1/timeline", RiskManager, ("limit", "2"));

        var records = pages.SelectMany(page => page.GetProperty("records").EnumerateArray()).ToList();
        Assert.True(pages.Count >= 2, "four records at two a page take at least two pages");
        Assert.Equal(["model.submitted", "model.approved", "deployment.started", "deployment.succeeded"], records.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.All(records, r => Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("hash").GetString()!));
    }

    [Fact]
    public async Task Endpoint_ShouldSayWhichVersionRunsThereAndSinceWhen()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync($"/endpoints/{Demo.CreditEndpointName}", RiskManager, ("account", Demo.CreditAccount), ("region", Demo.Region));

        Assert.Equal(200, answer.Status);
        var running = answer.Body.GetProperty("running");
        Assert.Equal(Demo.CentralArn(Demo.CreditGroup, 1), running.GetProperty("modelPackageArn").GetString());
        Assert.Equal(1, running.GetProperty("version").GetInt32());
        Assert.Equal(Demo.Start.AddHours(3).AddMinutes(15), running.GetProperty("since").GetDateTimeOffset());
        Assert.Contains(answer.Body.GetProperty("deployedFrom").EnumerateArray(), edge => edge.GetProperty("relation").GetString() == "serves");
    }

    [Theory]
    [InlineData(Demo.SharedDataset, "Dataset", 4)]
    [InlineData(Demo.CreditTrainingData, "Dataset", 3)]
    [InlineData(Demo.CreditImageDigest, "Image", 3)]
    [InlineData(Demo.CreditImageUri, "Image", 3)]
    [InlineData(Demo.CreditArtifactChecksum, "Artifact", 3)]
    public async Task Artifacts_ShouldListTheVersionsThatUsedADatasetImageOrArtifact(string uri, string nodeType, int versions)
    {
        var api = await CreateAsync(moto);

        var pages = await api.PagesAsync("/artifacts", RiskManager, ("uri", uri), ("limit", "2"));

        var uses = pages.SelectMany(page => page.GetProperty("uses").EnumerateArray()).ToList();
        Assert.All(uses, use => Assert.StartsWith(nodeType + ":", use.GetProperty("used").GetString(), StringComparison.Ordinal));
        Assert.Equal(versions, uses.Select(use => use.GetProperty("modelPackageArn").GetString()).Distinct().Count());
        Assert.Equal(uses.Count, versions);
    }

    [Fact]
    public async Task Violations_ShouldListOpenOnesWithTheVersionRunningOnTheResource()
    {
        var api = await CreateAsync(moto);

        var all = await api.GetAsync("/violations", RiskManager, ("status", "open"));
        var credit = await api.GetAsync("/violations", RiskManager, ("account", Demo.CreditAccount));

        Assert.Equal(2, all.Body.GetProperty("violations").GetArrayLength());
        var violation = Assert.Single(credit.Body.GetProperty("violations").EnumerateArray());
        Assert.Equal("critical", violation.GetProperty("severity").GetString());
        Assert.Equal(Demo.CentralArn(Demo.CreditGroup, 1), violation.GetProperty("runningModelPackageArn").GetString());
    }

    [Fact]
    public async Task Audit_ShouldFilterActivityByTimeRangePrincipalAndAccount()
    {
        var api = await CreateAsync(moto);

        var firstDay = await CollectRecordsAsync(api, RiskManager, ("from", "2025-03-03"), ("to", "2025-03-04"), ("limit", "3"));
        var byIntruder = await CollectRecordsAsync(api, RiskManager, ("from", "2025-03-01"), ("to", "2025-03-10T00:00:00Z"), ("principal", Demo.Intruder));
        var byAccount = await CollectRecordsAsync(api, RiskManager, ("account", Demo.FraudAccount));

        Assert.NotEmpty(firstDay);
        Assert.All(firstDay, r => Assert.Equal(new DateOnly(2025, 3, 3), DateOnly.FromDateTime(r.GetProperty("occurredAt").GetDateTimeOffset().UtcDateTime)));
        Assert.Equal(firstDay.Select(r => r.GetProperty("occurredAt").GetDateTimeOffset()).Order(), firstDay.Select(r => r.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Equal("audit.UpdateEndpoint", Assert.Single(byIntruder).GetProperty("kind").GetString());
        Assert.Equal(3, byAccount.Count);
        Assert.All(byAccount, r => Assert.Equal(Demo.FraudAccount, r.GetProperty("account").GetString()));
    }

    internal static async Task<List<JsonElement>> CollectRecordsAsync(LineageApiHarness api, string caller, params (string Key, string Value)[] query) =>
        (await api.PagesAsync("/audit", caller, query)).SelectMany(page => page.GetProperty("records").EnumerateArray()).ToList();

    private static IEnumerable<string> Ids(JsonElement nodes) => nodes.EnumerateArray().Select(node => node.GetProperty("id").GetString()!);
}
