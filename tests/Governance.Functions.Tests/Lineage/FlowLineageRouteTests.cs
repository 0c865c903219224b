using System.Text.Json;
using Governance.Functions.Tests.Support;
using Governance.Testing;

namespace Governance.Functions.Tests.Lineage;

/// <summary>
/// Every route of the lineage API, as a risk manager sees it, over a ledger the real functions filled on moto
/// (<see cref="FlowLineageBed"/>): nothing in it was written by the test itself.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FlowLineageRouteTests(MotoServer moto)
{
    private const string Manager = FlowBed.RiskManager;

    [Fact]
    public async Task Models_ShouldListEachSyncedVersionWithItsApprovalsAndWhereItRuns()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;

        var answer = await flows.Api.GetAsync($"/models/{credit.Group}", Manager);

        Assert.Equal(200, answer.Status);
        var versions = answer.Body.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32());
        Assert.Equal([1, 2], versions.Keys.Order());
        Assert.Equal(credit.V1.Central, versions[1].GetProperty("arn").GetString());
        Assert.Equal(credit.V1.Source, versions[1].GetProperty("sourcePackageArn").GetString());
        Assert.Equal(credit.Account, versions[1].GetProperty("sourceAccount").GetString());
        Assert.Equal(credit.V1.Approver, versions[1].GetProperty("localApproval").GetProperty("by").GetString());
        Assert.Equal("Approved", versions[1].GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Equal(Manager, versions[1].GetProperty("centralApproval").GetProperty("by").GetString());
        var deployment = Assert.Single(versions[1].GetProperty("deployments").EnumerateArray());
        Assert.Equal(credit.Deployment.EndpointArn, deployment.GetProperty("endpoint").GetString());
        Assert.True(deployment.GetProperty("current").GetBoolean());
        Assert.Equal(flows.IntruderUpdateAt, deployment.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("Rejected", versions[2].GetProperty("centralApproval").GetProperty("status").GetString());
        Assert.Empty(versions[2].GetProperty("deployments").EnumerateArray());
    }

    [Fact]
    public async Task Models_WithLimitOne_ShouldPageThroughEachVersionOnce()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var pages = await flows.Api.PagesAsync($"/models/{flows.Credit.Group}", Manager, ("limit", "1"));

        Assert.True(pages.Count >= 2);
        Assert.Equal([1, 2], pages.SelectMany(page => page.GetProperty("versions").EnumerateArray()).Select(v => v.GetProperty("version").GetInt32()).Order());
    }

    [Fact]
    public async Task Version_ShouldShowWhereItCameFromAndEverythingMadeFromIt()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;

        var answer = await flows.Api.GetAsync($"/models/{credit.Group}/versions/1", Manager);

        Assert.Equal(200, answer.Status);
        var up = answer.Body.GetProperty("upstream");
        Assert.Equal(credit.V1.Source, up.GetProperty("sourcePackage").GetProperty("id").GetString());
        Assert.Equal(credit.Account, up.GetProperty("account").GetString());
        Assert.Equal(credit.V1.Approver, up.GetProperty("approver").GetString());
        var image = Assert.Single(up.GetProperty("images").EnumerateArray());
        Assert.Equal(credit.ImageDigest, image.GetProperty("id").GetString());
        Assert.EndsWith("@" + credit.ImageDigest, image.GetProperty("attributes").GetProperty("uri").GetString(), StringComparison.Ordinal);
        var artifacts = up.GetProperty("artifacts").EnumerateArray().ToList();
        Assert.Equal(3, artifacts.Count);
        Assert.All(artifacts, artifact => Assert.Matches("^sha256:[0-9a-f]{64}$", artifact.GetProperty("id").GetString()!));
        Assert.All(artifacts, artifact => Assert.StartsWith($"s3://{flows.Bed.CentralBucket}/", artifact.GetProperty("attributes").GetProperty("uri").GetString(), StringComparison.Ordinal));
        Assert.All(artifacts, artifact => Assert.StartsWith(credit.V1.SourcePrefix, artifact.GetProperty("attributes").GetProperty("sourceUri").GetString(), StringComparison.Ordinal));
        Assert.Equal(FlowLineageBed.CommitId, up.GetProperty("codeRevision").GetProperty("revision").GetString());
        Assert.Equal(FlowLineageBed.Repository, up.GetProperty("codeRevision").GetProperty("repository").GetString());

        var down = answer.Body.GetProperty("downstream");
        Assert.Equal(credit.V1.Central, down.GetProperty("centralPackage").GetProperty("id").GetString());
        var execution = Assert.Single(down.GetProperty("executions").EnumerateArray());
        Assert.Equal(credit.Deployment.Execution, execution.GetProperty("execution").GetProperty("id").GetString());
        Assert.Equal("Succeeded", execution.GetProperty("status").GetString());
        Assert.Equal(credit.Deployment.ModelArn, Assert.Single(Ids(down.GetProperty("models"))));
        Assert.Equal(credit.Deployment.EndpointConfigArn, Assert.Single(Ids(down.GetProperty("endpointConfigs"))));
        Assert.Equal(credit.Deployment.EndpointArn, Assert.Single(Ids(down.GetProperty("endpoints"))));
        var violation = Assert.Single(down.GetProperty("violations").EnumerateArray());
        Assert.Contains(FlowLineageBed.KmsRule, violation.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains(answer.Body.GetProperty("edges").EnumerateArray(), edge => edge.GetProperty("relation").GetString() == "serves");
    }

    [Fact]
    public async Task Version_WithoutCommit_ShouldHaveNoCodeRevision()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var answer = await flows.Api.GetAsync($"/models/{flows.Fraud.Group}/versions/1", Manager);

        Assert.Equal(200, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Body.GetProperty("upstream").GetProperty("codeRevision").ValueKind);
    }

    [Fact]
    public async Task Timeline_ShouldMergeTheTeamSideAndCentralChainsInOrderAcrossPages()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var pages = await flows.Api.PagesAsync($"/models/{flows.Credit.Group}/versions/1/timeline", Manager, ("limit", "2"));

        var records = pages.SelectMany(page => page.GetProperty("records").EnumerateArray()).ToList();
        Assert.True(pages.Count >= 3, $"{records.Count} records at two a page take several pages");
        var central = records.Where(r => r.GetProperty("subject").GetString() == $"CentralPackage:{flows.Credit.V1.Central}").ToList();
        var team = records.Where(r => r.GetProperty("subject").GetString() == $"SourcePackage:{flows.Credit.V1.Source}").ToList();
        Assert.Equal(records.Count, central.Count + team.Count);
        Assert.Equal(Enumerable.Range(1, central.Count).Select(i => (long)i), central.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal(Enumerable.Range(1, team.Count).Select(i => (long)i), team.Select(r => r.GetProperty("sequence").GetInt64()));
        var kinds = records.Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["model.approved", "policy.decision"], kinds.Take(2));
        var (submitted, approved, started, deployed) = (kinds.IndexOf("model.submitted"), kinds.LastIndexOf("model.approved"), kinds.IndexOf("deployment.started"), kinds.IndexOf("deployment.endpoint"));
        Assert.True(submitted < approved && approved < started && started < deployed, "submitted, approved, started, deployed in that order: " + string.Join(", ", kinds));
        Assert.All(records, r => Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("hash").GetString()!));
    }

    [Fact]
    public async Task Endpoint_ShouldSayWhichVersionRunsThereSinceTheCreateEndpointCall()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Fraud;

        var answer = await flows.Api.GetAsync($"/endpoints/{credit.Deployment.EndpointName}", Manager, ("account", credit.Account), ("region", MotoServer.Region));

        Assert.Equal(200, answer.Status);
        Assert.Equal(credit.Deployment.EndpointArn, answer.Body.GetProperty("arn").GetString());
        var running = answer.Body.GetProperty("running");
        Assert.Equal(credit.V1.Central, running.GetProperty("modelPackageArn").GetString());
        Assert.Equal(credit.Group, running.GetProperty("group").GetString());
        Assert.Equal(1, running.GetProperty("version").GetInt32());
        Assert.Equal(credit.Deployment.DeployedAt, running.GetProperty("since").GetDateTimeOffset());
        var relations = answer.Body.GetProperty("deployedFrom").EnumerateArray().Select(edge => (edge.GetProperty("from").GetString(), edge.GetProperty("relation").GetString())).ToList();
        Assert.Contains(($"CentralPackage:{credit.V1.Central}", "serves"), relations);
        Assert.Contains(($"EndpointConfig:{credit.Deployment.EndpointConfigArn}", "used-by"), relations);
    }

    [Fact]
    public async Task Artifacts_ByExactUri_ShouldNameTheOneVersionThatPackagedTheObject()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var lineage = await flows.Api.GetAsync($"/models/{flows.Credit.Group}/versions/1", Manager);
        var model = lineage.Body.GetProperty("upstream").GetProperty("artifacts").EnumerateArray()
            .Single(artifact => artifact.GetProperty("attributes").GetProperty("uri").GetString()!.EndsWith("/model.tar.gz", StringComparison.Ordinal));
        var uri = model.GetProperty("attributes").GetProperty("uri").GetString()!;

        var byCentralUri = await flows.Api.GetAsync("/artifacts", Manager, ("uri", uri));
        var byTeamUri = await flows.Api.GetAsync("/artifacts", Manager, ("uri", model.GetProperty("attributes").GetProperty("sourceUri").GetString()!));
        var byChecksum = await flows.Api.GetAsync("/artifacts", Manager, ("uri", model.GetProperty("id").GetString()!));

        var use = Assert.Single(byCentralUri.Body.GetProperty("uses").EnumerateArray());
        Assert.Equal(flows.Credit.V1.Central, use.GetProperty("modelPackageArn").GetString());
        Assert.Equal($"Artifact:{model.GetProperty("id").GetString()}", use.GetProperty("used").GetString());
        Assert.Equal(uri, use.GetProperty("location").GetString());
        Assert.Equal(flows.Credit.V1.Central, Assert.Single(byTeamUri.Body.GetProperty("uses").EnumerateArray()).GetProperty("modelPackageArn").GetString());
        Assert.Equal($"Artifact:{model.GetProperty("id").GetString()}", byChecksum.Body.GetProperty("node").GetString());
        Assert.Equal(flows.Credit.V1.Central, Assert.Single(byChecksum.Body.GetProperty("uses").EnumerateArray()).GetProperty("modelPackageArn").GetString());
    }

    [Fact]
    public async Task Artifacts_ByPrefix_ShouldPageThroughEveryObjectUnderItFromTheLocationIndex()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;
        flows.Bed.Dynamo.TakeReads();

        var creditCopies = Uses(await flows.Api.PagesAsync("/artifacts", Manager, ("uri", $"s3://{flows.Bed.CentralBucket}/{credit.Account}/"), ("limit", "2")));
        var wholeBucket = Uses(await flows.Api.PagesAsync("/artifacts", Manager, ("uri", $"s3://{flows.Bed.CentralBucket}"), ("limit", "4")));
        var teamV2 = Uses(await flows.Api.PagesAsync("/artifacts", Manager, ("uri", credit.Versions[1].SourcePrefix)));

        // Six copies of credit's files; the v1 bias report's bytes were also fraud v1's, so fraud v1 is named for it.
        Assert.Equal(7, creditCopies.Count);
        Assert.Equal(3, creditCopies.Select(use => use.GetProperty("location").GetString()).Distinct().Count(location => location!.Contains("/1/", StringComparison.Ordinal)));
        Assert.Equal([credit.V1.Central, credit.Versions[1].Central, flows.Fraud.V1.Central], creditCopies.Select(UsedBy).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("bias.json", Path.GetFileName(Assert.Single(creditCopies, use => UsedBy(use) == flows.Fraud.V1.Central).GetProperty("location").GetString()));
        Assert.All(creditCopies, use => Assert.StartsWith($"s3://{flows.Bed.CentralBucket}/{credit.Account}/", use.GetProperty("location").GetString(), StringComparison.Ordinal));
        Assert.Equal(11, wholeBucket.Count);
        Assert.Equal(9, wholeBucket.Select(use => use.GetProperty("location").GetString()).Distinct().Count());
        Assert.Equal(3, teamV2.Count);
        Assert.All(teamV2, use => Assert.Equal(credit.Versions[1].Central, UsedBy(use)));
        Assert.All(teamV2, use => Assert.StartsWith(credit.Versions[1].SourcePrefix, use.GetProperty("location").GetString(), StringComparison.Ordinal));
        var reads = flows.Bed.Dynamo.TakeReads();
        Assert.DoesNotContain(reads, read => read.Operation == "Scan");
        Assert.All(reads, read => Assert.Equal(read.ItemsRead, read.ItemsReturned));
    }

    [Fact]
    public async Task Artifacts_ByImageDigestOrPinnedImage_ShouldNameEveryVersionBuiltOnIt()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;

        var byDigest = await flows.Api.PagesAsync("/artifacts", Manager, ("uri", credit.ImageDigest), ("limit", "1"));
        var byImage = await flows.Api.GetAsync("/artifacts", Manager, ("uri", $"{credit.Account}.dkr.ecr.us-east-1.amazonaws.com/{credit.Group}@{credit.ImageDigest}"));

        Assert.True(byDigest.Count >= 2);
        Assert.Equal($"Image:{credit.ImageDigest}", byDigest[0].GetProperty("node").GetString());
        Assert.Equal([credit.V1.Central, credit.Versions[1].Central], Uses(byDigest).Select(UsedBy).Order(StringComparer.Ordinal));
        Assert.Equal([credit.V1.Central, credit.Versions[1].Central], byImage.Body.GetProperty("uses").EnumerateArray().Select(UsedBy).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Violations_ShouldListEachOpenFindingWithTheVersionRunningOnTheEndpoint()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var all = await flows.Api.GetAsync("/violations", Manager, ("status", "open"));
        var fraud = await flows.Api.GetAsync("/violations", Manager, ("account", FlowLineageBed.FraudAccount));

        var open = all.Body.GetProperty("violations").EnumerateArray().ToList();
        Assert.Equal(2, open.Count);
        Assert.Equal([flows.Credit.V1.Central, flows.Fraud.V1.Central], open.Select(v => v.GetProperty("runningModelPackageArn").GetString()).Order(StringComparer.Ordinal));
        Assert.All(open, v => Assert.Equal(FlowLineageBed.KmsRule, v.GetProperty("rule").GetString()));
        Assert.All(open, v => Assert.Equal("critical", v.GetProperty("severity").GetString()));
        var only = Assert.Single(fraud.Body.GetProperty("violations").EnumerateArray());
        Assert.Equal($"Endpoint:{flows.Fraud.Deployment.EndpointArn}", only.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Audit_ByTimeWindow_ShouldReturnTheCallsAndFindingsInThatWindowInTimeOrder()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var records = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, Manager,
            ("from", Instant(flows.AuditStart)), ("to", Instant(flows.AuditStart.AddMinutes(5))), ("limit", "3"));

        var times = records.Select(r => r.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times, at => Assert.InRange(at, flows.AuditStart, flows.AuditStart.AddMinutes(5).AddTicks(-1)));
        Assert.All(records, r => Assert.Equal(flows.Credit.Account, r.GetProperty("account").GetString()));
        var kinds = records.Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(kind => kind == "audit.CreateModel"));
        Assert.Equal(1, kinds.Count(kind => kind == "audit.CreateEndpoint"));
        Assert.Equal(1, kinds.Count(kind => kind == "audit.UpdateEndpoint"));
        Assert.Contains("deployment.endpoint", kinds);
        Assert.Contains(records, r => r.GetProperty("subject").GetString()!.StartsWith("Violation:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_ByPrincipal_ShouldKeepThatRolesSessionsOnly()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var window = new[] { ("from", Instant(flows.AuditStart)), ("to", Instant(flows.AuditStart.AddMinutes(10))) };

        var deployer = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, Manager, [.. window, ("principal", FlowLineageBed.DeployRole(flows.Credit.Account))]);
        var intruder = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, Manager, [.. window, ("principal", FlowLineageBed.Intruder)]);

        Assert.Equal(["audit.CreateEndpoint", "audit.CreateEndpointConfig", "audit.CreateModel", "deployment.endpoint"],
            deployer.Select(r => r.GetProperty("kind").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.All(deployer, r => Assert.StartsWith("arn:aws:sts::111111111111:assumed-role/DeploymentPipeline/", r.GetProperty("actor").GetString(), StringComparison.Ordinal));
        Assert.Contains("audit.UpdateEndpoint", intruder.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(intruder, r => Assert.Equal(FlowLineageBed.Intruder, r.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Audit_ByAccount_ShouldReturnThatAccountsRecordsOnly()
    {
        var flows = await FlowLineageBed.GetAsync(moto);

        var records = await LineageApiRouteTests.CollectRecordsAsync(flows.Api, Manager, ("account", FlowLineageBed.FraudAccount), ("limit", "5"));

        Assert.True(records.Count > 5);
        Assert.All(records, r => Assert.Equal(FlowLineageBed.FraudAccount, r.GetProperty("account").GetString()));
        Assert.Contains("audit.CreateEndpoint", records.Select(r => r.GetProperty("kind").GetString()));
        Assert.Contains("model.approved", records.Select(r => r.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task UnknownResources_ShouldBeAnswered404()
    {
        var flows = await FlowLineageBed.GetAsync(moto);
        var credit = flows.Credit;

        (string Path, (string, string)[] Query)[] unknown =
        [
            ("/models/no-such-group", []),
            ($"/models/{credit.Group}/versions/9", []),
            ($"/models/{credit.Group}/versions/9/timeline", []),
            ("/endpoints/no-such-endpoint", [("account", credit.Account)]),
            ($"/endpoints/{credit.Deployment.EndpointName}", []),
            ("/artifacts", [("uri", $"s3://{credit.Bucket}/v9/")]),
            ("/artifacts", [("uri", "sha256:" + new string('0', 64))]),
        ];
        foreach (var (path, query) in unknown)
        {
            var answer = await flows.Api.GetAsync(path, Manager, query);
            Assert.True(answer.Status == 404, $"{path} {string.Join('&', query)} answered {answer.Status}");
            Assert.Equal("not-found", answer.Error);
        }
    }

    internal static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    internal static List<JsonElement> Uses(IEnumerable<JsonElement> pages) => [.. pages.SelectMany(page => page.GetProperty("uses").EnumerateArray())];

    internal static string UsedBy(JsonElement use) => use.GetProperty("modelPackageArn").GetString()!;

    private static IEnumerable<string> Ids(JsonElement nodes) => nodes.EnumerateArray().Select(node => node.GetProperty("id").GetString()!);
}
