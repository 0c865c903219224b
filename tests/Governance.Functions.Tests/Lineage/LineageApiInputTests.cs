using System.Text;
using Governance.Local.Ports;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Functions.Tests.Lineage;

/// <summary>Bad input is answered 400 naming what is wrong; unknown resources 404; other methods 405.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LineageApiInputTests(MotoServer moto)
{
    public static TheoryData<string, string, string?, string?> BadInputs => new()
    {
        { "/models/bad_name!", "", null, "group" },
        { "/models/-leading-dash", "", null, "group" },
        { "/models/credit-risk-scoring/versions/0", "", null, "version" },
        { "/models/credit-risk-scoring/versions/one", "", null, "version" },
        { "/models/credit-risk-scoring/versions/1/timeline", "limit", "0", "limit" },
        { "/models/credit-risk-scoring", "limit", "201", "limit" },
        { "/models/credit-risk-scoring", "limit", "ten", "limit" },
        { "/models/credit-risk-scoring", "next", "not-a-token", "next" },
        { "/models/credit-risk-scoring", "colour", "blue", "colour" },
        { "/models/credit-risk-scoring/versions/1", "limit", "5", "limit" },
        { "/endpoints/bad.name", "", null, "name" },
        { "/endpoints/credit-risk-scoring-prod", "account", "1111", "account" },
        { "/endpoints/credit-risk-scoring-prod", "region", "Mars-1", "region" },
        { "/artifacts", "", null, "uri" },
        { "/artifacts", "uri", "https://example.com/model.tar.gz", "uri" },
        { "/artifacts", "uri", "s3://UPPER/key", "uri" },
        { "/artifacts", "uri", "sha256:abc", "uri" },
        { "/violations", "status", "resolved", "status" },
        { "/violations", "account", "12345678901x", "account" },
        { "/audit", "", null, "from" },
        { "/audit", "from", "2025-03-03", "to" },
        { "/audit", "from", "yesterday", "from" },
        { "/audit", "principal", "bob", "principal" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_ShouldBeAnswered400NamingTheParameter(string path, string key, string? value, string? parameter)
    {
        var api = await CreateAsync(moto);

        var answer = value is null ? await api.GetAsync(path, RiskManager) : await api.GetAsync(path, RiskManager, (key, value));

        Assert.Equal(400, answer.Status);
        Assert.Equal("bad-request", answer.Error);
        Assert.Equal(parameter, answer.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Audit_WhenFromIsNotBeforeTo_ShouldBeAnswered400()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync("/audit", RiskManager, ("from", "2025-03-04"), ("to", "2025-03-03T23:59:59Z"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("before", answer.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/models/no-such-group")]
    [InlineData("/models/credit-risk-scoring/versions/99")]
    [InlineData("/models/credit-risk-scoring/versions/99/timeline")]
    [InlineData("/endpoints/no-such-endpoint")]
    [InlineData("/no/such/route")]
    public async Task UnknownResource_ShouldBeAnswered404(string path)
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync(path, RiskManager);

        Assert.Equal(404, answer.Status);
        Assert.Equal("not-found", answer.Error);
    }

    [Fact]
    public async Task Artifacts_ForAnUnknownObject_ShouldBeAnswered404()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync("/artifacts", RiskManager, ("uri", "s3://acme-ml-data/never/used.csv"));

        Assert.Equal(404, answer.Status);
    }

    [Fact]
    public async Task NonGetMethod_ShouldBeAnswered405()
    {
        var api = await CreateAsync(moto);

        var answer = await api.InvokeAsync(Event("DELETE", "/models/credit-risk-scoring", RiskManager));

        Assert.Equal(405, answer.Status);
    }

    [Theory]
    [InlineData("""{"version":"1.0","path":"/audit"}""")]
    [InlineData("""{"version":"2.0","rawPath":"/audit"}""")]
    [InlineData("not json")]
    public async Task PayloadThatIsNotAnHttpApiEvent_ShouldBeAnswered400(string payload)
    {
        var api = await CreateAsync(moto);

        var answer = await api.InvokeAsync(Encoding.UTF8.GetBytes(payload));

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task EscapedPathSegments_ShouldBeDecodedBeforeValidation()
    {
        var api = await CreateAsync(moto);

        var answer = await api.GetAsync("/models/credit%2Drisk%2Dscoring/versions/1", RiskManager);

        Assert.Equal(200, answer.Status);
        Assert.Equal(Demo.CentralArn(Demo.CreditGroup, 1), answer.Body.GetProperty("summary").GetProperty("arn").GetString());
    }
}
