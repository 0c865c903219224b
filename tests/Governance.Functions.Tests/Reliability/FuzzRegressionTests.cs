using System.Text.Json;
using Governance.Core.Routing;

namespace Governance.Functions.Tests.Reliability;

/// <summary>Inputs the fuzzer found breaking a handler, kept as fixtures under <c>Fixtures/fuzz</c>, each with the answer it must get.</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    [InlineData("lineage-api-invalid-utf8-in-path.json")]
    [InlineData("lineage-api-invalid-utf8-in-caller.json")]
    [InlineData("lineage-api-invalid-utf8-in-version.json")]
    public async Task LineageApi_WhenAStringHoldsInvalidUtf8_ShouldAnswer400InsteadOfThrowing(string fixture)
    {
        var harness = await FuzzHarness.CreateAsync(HandlerNames.LineageApi);
        var payload = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", fixture));

        var (verdict, problem) = await harness.InvokeAsync(payload);
        var response = await harness.RawAsync(payload);

        Assert.Null(problem);
        Assert.Equal(FuzzVerdict.ClientError, verdict);
        using var document = JsonDocument.Parse(response);
        Assert.Equal(400, document.RootElement.GetProperty("statusCode").GetInt32());
        using var body = JsonDocument.Parse(document.RootElement.GetProperty("body").GetString()!);
        Assert.Equal("the payload is not valid UTF-8", body.RootElement.GetProperty("message").GetString());
    }
}
