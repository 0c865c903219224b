using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Lineage;

namespace Governance.Handlers.Tests;

/// <summary>API Gateway HTTP API payload 2.0: the request the lineage API reads, and the response it writes.</summary>
public sealed class HttpApiEventTests
{
    private static byte[] Fixture(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "http-api-get-violations.json")))!.AsObject();
        change?.Invoke(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public void TryRead_AnIamAuthorisedGet_ShouldGiveTheMethodPathQueryAndCaller()
    {
        var request = HttpApiEvent.TryRead(Fixture(), out var problem);

        Assert.NotNull(request);
        Assert.Empty(problem);
        Assert.Equal(("GET", "/violations"), (request.Method, request.Path));
        Assert.Equal(new Dictionary<string, string> { ["account"] = "111122223333", ["limit"] = "5" }, request.Query);
        Assert.Equal(new CallerIdentity("arn:aws:sts::111122223333:assumed-role/ml-lead/jane.doe@example.com", "111122223333", "o-exampleorg1"), request.Caller);
    }

    [Fact]
    public void TryRead_WithoutAnIamAuthorizer_ShouldGiveNoCaller()
    {
        var request = HttpApiEvent.TryRead(Fixture(node => node["requestContext"]!.AsObject().Remove("authorizer")), out _);

        Assert.NotNull(request);
        Assert.Null(request.Caller);
    }

    [Theory]
    [InlineData("1.0", "payload format version 2.0")]
    [InlineData(null, "payload format version 2.0")]
    public void TryRead_OfAnotherPayloadVersion_ShouldSaySo(string? version, string expected)
    {
        var request = HttpApiEvent.TryRead(Fixture(node => node["version"] = version), out var problem);

        Assert.Null(request);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_WithoutARawPath_ShouldSaySo()
    {
        var request = HttpApiEvent.TryRead(Fixture(node => node.Remove("rawPath")), out var problem);

        Assert.Null(request);
        Assert.Equal("the event has no requestContext.http.method or rawPath", problem);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x76 }, "not JSON")]
    public void TryRead_OfBytesThatAreNoEvent_ShouldSayWhyAndNeverThrow(byte[] payload, string expected)
    {
        var request = HttpApiEvent.TryRead(payload, out var problem);

        Assert.Null(request);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ShouldAnswerStatusJsonHeadersAndTheBodyAsOneString()
    {
        var body = "{\"error\":\"not-found\",\"message\":\"no \\\"credit\\\" model\"," + new string('x', 5000) + "\":1}";

        using var written = JsonDocument.Parse(HttpApiEvent.Write(new ApiResponse(404, body)));

        var root = written.RootElement;
        Assert.Equal(404, root.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", root.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal("no-store", root.GetProperty("headers").GetProperty("cache-control").GetString());
        Assert.Equal(body, root.GetProperty("body").GetString());
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
    }
}
