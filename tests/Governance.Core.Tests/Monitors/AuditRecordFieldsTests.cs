using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Local.Lambda;
using Governance.Local.Ports;

namespace Governance.Core.Tests.Monitors;

/// <summary>
/// An audit record keeps the fields its call is allowed to keep, secrets redacted before the record is hashed: the
/// ledger cannot be erased without breaking its chains, so nothing secret may enter it.
/// </summary>
public class AuditRecordFieldsTests
{
    private const string Token = "hf_QmVhcmVyU2VjcmV0VG9rZW5WYWx1ZTEyMzQ1";
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlLXZhbHVlLXg";
    private const string ModelArn = "arn:aws:sagemaker:us-east-1:999988887777:model/fraud-detector-12";
    private static readonly NodeRef Model = new(NodeTypes.Model, ModelArn);

    [Fact]
    public async Task CreateModel_WithATokenInTheContainerEnvironment_ShouldKeepItOutOfTheLedgerAndTheAuditApi()
    {
        var harness = new MonitorHarness();
        var call = MonitorHarness.FixtureWith("cloudtrail-create-model.json", node =>
            node["detail"]!["requestParameters"]!["primaryContainer"]!["environment"] = new JsonObject
            {
                ["HF_TOKEN"] = Token,
                ["SAGEMAKER_PROGRAM"] = "serve.py",
                ["UPSTREAM"] = "Bearer " + Jwt,
            });

        await harness.HandleAsync(harness.Audit, call, CancellationToken.None);

        var record = Assert.Single(await harness.TimelineAsync(Model));
        var stored = string.Join('\n', record.Attributes.Select(attribute => attribute.Key + "=" + attribute.Value));
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("environment", stored, StringComparison.OrdinalIgnoreCase);
        using var request = JsonDocument.Parse(record.Attributes["request"]);
        Assert.Equal("fraud-detector-12", request.RootElement.GetProperty("modelName").GetString());
        Assert.Equal("arn:aws:iam::999988887777:role/SageMakerExecution", request.RootElement.GetProperty("executionRoleArn").GetString());
        Assert.Equal(
            "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/12",
            request.RootElement.GetProperty("primaryContainer.modelPackageName").GetString());
        Assert.StartsWith("999988887777.dkr.ecr.us-east-1.amazonaws.com/fraud-preprocess@sha256:", request.RootElement.GetProperty("containers[0].image").GetString(), StringComparison.Ordinal);
        using var response = JsonDocument.Parse(record.Attributes["response"]);
        Assert.Equal(ModelArn, response.RootElement.GetProperty("modelArn").GetString());

        var audit = await AuditApiAsync(harness);
        Assert.Equal(200, audit.StatusCode);
        Assert.Contains(ModelArn, audit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, audit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalDescription_HoldingCredentials_ShouldBeRedactedBeforeTheRecordIsHashed()
    {
        var harness = new MonitorHarness();
        var description = $"ok, key {AccessKey}, session Bearer {Jwt}";
        var call = MonitorHarness.FixtureWith("cloudtrail-approve-model-package.json", node =>
            node["detail"]!["requestParameters"]!["approvalDescription"] = description);

        await harness.HandleAsync(harness.Audit, call, CancellationToken.None);

        var record = Assert.Single(await harness.TimelineAsync(MonitorHarness.CentralPackage), r => r.Kind == "audit.UpdateModelPackage");
        Assert.DoesNotContain(AccessKey, record.Attributes["request"], StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, record.Attributes["request"], StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, record.Attributes["approvalDescription"], StringComparison.Ordinal);
        Assert.StartsWith("ok, key [REDACTED]", record.Attributes["approvalDescription"], StringComparison.Ordinal);
        Assert.Equal(ChainHash.Compute(record), record.Hash);
    }

    [Fact]
    public async Task Request_MembersOutsideTheCallsAllowList_ShouldNotBeStored()
    {
        var harness = new MonitorHarness();
        var call = MonitorHarness.FixtureWith("cloudtrail-create-model.json", node =>
        {
            node["detail"]!["requestParameters"]!["tags"] = new JsonArray(new JsonObject { ["key"] = "owner", ["value"] = "jane@example.com" });
            node["detail"]!["requestParameters"]!["vpcConfig"] = new JsonObject { ["subnets"] = new JsonArray("subnet-0abc") };
        });

        await harness.HandleAsync(harness.Audit, call, CancellationToken.None);

        var record = Assert.Single(await harness.TimelineAsync(Model));
        Assert.DoesNotContain("jane@example.com", record.Attributes["request"], StringComparison.Ordinal);
        Assert.DoesNotContain("subnet-0abc", record.Attributes["request"], StringComparison.Ordinal);
    }

    private static async Task<Core.Lineage.ApiResponse> AuditApiAsync(MonitorHarness harness)
    {
        var api = new LineageApi(
            new LineageService(harness.Ledger, new LineageLocation(MonitorHarness.CentralAccount, "us-east-1"), new InMemoryLocationIndex()),
            ScopingPolicy.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "scoping.json"))),
            new ScopedPageTokens(ScopedPageTokens.DeriveKey(new byte[32], "lineage-api-scope")));
        var query = new Dictionary<string, string> { ["from"] = "2024-06-01T00:00:00Z", ["to"] = "2024-06-30T00:00:00Z" };
        return await api.HandleAsync(
            new ApiRequest("GET", "/audit", query, new CallerIdentity("arn:aws:iam::123456789012:role/model-risk-manager", "123456789012", null)),
            CancellationToken.None);
    }
}
