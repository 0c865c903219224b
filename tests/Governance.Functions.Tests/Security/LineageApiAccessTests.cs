using System.Text;
using System.Text.Json.Nodes;
using Governance.Functions.Tests.Lineage;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// Who the lineage API refuses, beyond <see cref="LineageApiScopingTests"/>: callers without an IAM authorizer
/// context or without a user ARN, principals that only look like configured ones (another account, the root
/// user, a federated user, a name that stops short of a wildcard pattern) — on every route, known or not, with a
/// JSON 403 (other methods: 403 or 405) that names no record. Page tokens cannot be altered or carried to
/// another scope.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LineageApiAccessTests(MotoServer moto)
{
    private static readonly string[] Routes =
    [
        "/models/credit-risk-scoring", "/models/credit-risk-scoring/versions/1", "/models/credit-risk-scoring/versions/1/timeline",
        "/endpoints/credit-risk-endpoint", "/artifacts", "/violations", "/audit", "/", "/admin",
    ];

    public static TheoryData<string> Strangers => new()
    {
        "arn:aws:sts::999999999999:assumed-role/model-risk-manager/mallory",
        "arn:aws:iam::123456789012:root",
        "arn:aws:sts::123456789012:federated-user/model-risk-manager",
        "arn:aws:sts::123456789012:assumed-role/model-auditor/eve",
        "arn:aws:iam::123456789012:user/model-risk-manager",
        "arn:aws:sts::444455556666:assumed-role/ml-lead",
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task PrincipalResemblingAConfiguredOne_ShouldBeRefused403OnEveryRouteAndMethod(string caller)
    {
        var api = await CreateAsync(moto);

        foreach (var route in Routes)
        {
            var answer = await api.InvokeAsync(Event("GET", route, caller));
            Assert.Equal(403, answer.Status);
            Assert.Equal("forbidden", answer.Error);
            foreach (var method in new[] { "POST", "DELETE" })
            {
                // API Gateway routes only GET here; anything else is refused before a record is read.
                var other = await api.InvokeAsync(Event(method, route, caller));
                Assert.Contains(other.Status, (int[])[403, 405]);
                Assert.DoesNotContain("arn:aws:sagemaker", other.Body.GetRawText(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task CallerWithoutAuthorizerContextOrUserArn_ShouldBeRefused403OnEveryRoute()
    {
        var api = await CreateAsync(moto);

        foreach (var route in Routes)
        {
            var unsigned = await api.InvokeAsync(Event("GET", route, caller: null));
            var anonymous = await api.InvokeAsync(WithIam(Event("GET", route, RiskManager), new JsonObject { ["accountId"] = "123456789012" }));
            var emptyArn = await api.InvokeAsync(WithIam(Event("GET", route, RiskManager), new JsonObject { ["userArn"] = "" }));
            var notAnObject = await api.InvokeAsync(WithIam(Event("GET", route, RiskManager), JsonValue.Create(RiskManager)));
            var notAnArn = await api.InvokeAsync(WithIam(Event("GET", route, RiskManager), new JsonObject { ["userArn"] = "model-risk-manager" }));

            Assert.All([unsigned, anonymous, emptyArn, notAnObject, notAnArn], answer =>
            {
                Assert.Equal(403, answer.Status);
                Assert.Equal("forbidden", answer.Error);
            });
        }
    }

    [Fact]
    public async Task PageToken_AlteredOrCarriedToAnotherScope_ShouldBeRefused()
    {
        var api = await CreateAsync(moto);
        var first = await api.GetAsync("/models/credit-risk-scoring", CreditLead, ("limit", "1"));
        var token = first.Body.GetProperty("next").GetString()!;
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var tampered = await api.GetAsync("/models/credit-risk-scoring", CreditLead, ("limit", "1"), ("next", altered));
        var otherTeam = await api.GetAsync("/models/credit-risk-scoring", FraudLead, ("limit", "1"), ("next", token));
        var upward = await api.GetAsync("/models/credit-risk-scoring", RiskManager, ("limit", "1"), ("next", token));
        var stranger = await api.GetAsync("/models/credit-risk-scoring", Stranger, ("limit", "1"), ("next", token));

        Assert.Equal(400, tampered.Status);
        Assert.Equal("next", tampered.Parameter);
        Assert.Equal(400, otherTeam.Status);
        Assert.Equal(400, upward.Status);
        Assert.Equal(403, stranger.Status);
    }

    private static byte[] WithIam(byte[] payload, JsonNode iam)
    {
        var root = JsonNode.Parse(payload)!.AsObject();
        root["requestContext"]!["authorizer"]!["iam"] = iam;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
