using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Routing;
using Governance.Testing.Fuzz;

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
        var payload = Fixture(fixture);

        var (verdict, problem) = await harness.InvokeAsync(payload);
        var response = await harness.RawAsync(payload);

        Assert.Null(problem);
        Assert.Equal(FuzzVerdict.ClientError, verdict);
        using var document = JsonDocument.Parse(response);
        Assert.Equal(400, document.RootElement.GetProperty("statusCode").GetInt32());
        using var body = JsonDocument.Parse(document.RootElement.GetProperty("body").GetString()!);
        Assert.Equal("the payload is not valid UTF-8", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PipelineMonitor_WhenTheExecutionIdHoldsAControlCharacter_ShouldRejectTheEventInsteadOfCrashing()
    {
        var harness = await FuzzHarness.CreateAsync(HandlerNames.PipelineMonitor);

        var (verdict, problem) = await harness.InvokeAsync(Fixture("codepipeline-execution-id-control-character.json"));

        Assert.Null(problem);
        Assert.Equal(FuzzVerdict.Rejected, verdict);
    }

    [Fact]
    public async Task PipelineMonitor_WhenTheExecutionIdIsAMegabyteLong_ShouldSayTheIdCannotIdentifyANode()
    {
        var harness = await FuzzHarness.CreateAsync(HandlerNames.PipelineMonitor);
        var node = JsonNode.Parse(Fixture("codepipeline-execution-id-control-character.json"))!;
        node["detail"]!["execution-id"] = new string('e', FuzzMutator.HugeStringLength);

        var rejection = await Assert.ThrowsAsync<EventRejectedException>(() => harness.RawAsync(Encoding.UTF8.GetBytes(node.ToJsonString())));

        Assert.StartsWith("the execution id cannot identify a ledger node", rejection.Rejected.Reason, StringComparison.Ordinal);
        Assert.True(rejection.Message.Length < 4096, "the rejection echoes the megabyte id");
    }

    [Fact]
    public async Task AuditTrail_WhenAnIgnoredCallNamesASixMegabyteResource_ShouldAnswerWithinTheLambdaResponseLimit()
    {
        var harness = await FuzzHarness.CreateAsync(HandlerNames.AuditTrail);
        var node = JsonNode.Parse(Fixture("codepipeline-execution-id-control-character.json"))!;
        node["detail-type"] = "AWS API Call via CloudTrail";
        node["source"] = "aws.sagemaker";
        node["detail"] = new JsonObject
        {
            ["eventSource"] = "sagemaker.amazonaws.com",
            ["eventName"] = new string('x', FuzzMutator.SixMegabytes),
            ["eventTime"] = "2025-09-01T08:05:00Z",
            ["awsRegion"] = "us-east-1",
        };

        var response = await harness.RawAsync(Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.True(response.Length < 64 * 1024, $"the response is {response.Length} bytes");
        using var result = JsonDocument.Parse(response);
        Assert.EndsWith($"({FuzzMutator.SixMegabytes + "sagemaker.amazonaws.com ".Length + " touches no governed resource".Length} characters)", result.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", name));
}
