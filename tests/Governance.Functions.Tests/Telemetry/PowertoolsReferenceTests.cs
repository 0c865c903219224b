using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests.Telemetry;

/// <summary>
/// Lines the real bootstrap writes, compared field by field with the lines Powertools for AWS Lambda (TypeScript)
/// writes for the same inputs: <c>Fixtures/powertools/reference.json</c>, recorded from the npm packages by
/// <c>tests/powertools-reference/reference.mjs</c> (the fixture names the package versions).
/// </summary>
public sealed partial class PowertoolsReferenceTests
{
    private static readonly string[] StandardKeys =
    [
        "level", "message", "timestamp", "service", "cold_start", "function_arn", "function_memory_size", "function_name",
        "function_request_id", "sampling_rate", "xray_trace_id", "correlation_id",
    ];

    // Outside an invocation Powertools has no Lambda context: these keys must be absent, not wrong.
    private static readonly string[] InvocationKeys = ["cold_start", "function_arn", "function_request_id", "xray_trace_id"];

    // An event whose envelope names it but whose detail is unusable: rejected with its id as the correlation id.
    private static readonly byte[] BrokenDetail =
        """{"version":"0","id":"evt-bad","detail-type":"SageMaker Model Package State Change","source":"aws.sagemaker","account":"111111111111","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":"oops"}"""u8.ToArray();

    private static readonly string[] ErrorKeys = ["name", "location", "message", "stack"];

    [Fact]
    public async Task BootstrapLines_ShouldMatchThePowertoolsReferenceFieldByField()
    {
        var reference = Reference();
        var inputs = reference.GetProperty("inputs");
        await using var bootstrap = await StartAsync(inputs);
        var requestId = inputs.GetProperty("awsRequestId").GetString()!;
        bootstrap.Api.Enqueue(new LoopbackInvocation(requestId, Fixture("events", "model-package-approved.json"), DateTimeOffset.UtcNow.AddMinutes(1), inputs.GetProperty("invokedFunctionArn").GetString()!, inputs.GetProperty("traceHeader").GetString()));
        bootstrap.Api.Enqueue(new LoopbackInvocation("bad-event", BrokenDetail, DateTimeOffset.UtcNow.AddMinutes(1), inputs.GetProperty("invokedFunctionArn").GetString()!, inputs.GetProperty("traceHeader").GetString()));
        await bootstrap.Api.ResultAsync(requestId, TimeSpan.FromSeconds(60));
        await bootstrap.Api.ResultAsync("bad-event", TimeSpan.FromSeconds(60));
        await bootstrap.WaitForAsync(lines => lines.Any(line => line.TryGetProperty("error", out _)), TimeSpan.FromSeconds(30));
        var lines = bootstrap.LogLines();

        var init = Assert.Single(lines, line => !line.TryGetProperty("function_request_id", out _));
        AssertMatches(reference.GetProperty("initLine"), init, invocation: false);
        var info = Assert.Single(lines, line => line.TryGetProperty("function_request_id", out var id) && id.GetString() == requestId && line.GetProperty("level").GetString() == "INFO");
        AssertMatches(reference.GetProperty("infoLine"), info, invocation: true);
        Assert.True(info.GetProperty("cold_start").GetBoolean());

        var error = Assert.Single(lines, line => line.TryGetProperty("error", out _));
        // The reference fails in its first invocation, the bootstrap in its second: only cold_start's value differs.
        AssertMatches(reference.GetProperty("errorLine"), error, invocation: true, "cold_start", "function_request_id");
        Assert.False(error.GetProperty("cold_start").GetBoolean());
        var expectedError = reference.GetProperty("errorLine").GetProperty("error");
        var actualError = error.GetProperty("error");
        Assert.Equal(
            ErrorKeys,
            actualError.EnumerateObject().Select(property => property.Name).Where(ErrorKeys.Contains).ToArray());
        foreach (var key in ErrorKeys)
        {
            Assert.Equal(expectedError.GetProperty(key).ValueKind, actualError.GetProperty(key).ValueKind);
            Assert.NotEqual(string.Empty, actualError.GetProperty(key).GetString());
        }

        Assert.Equal("EventRejectedException", actualError.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, expectedError.GetProperty("cause").ValueKind);
    }

    [Fact]
    public async Task ColdStartDocument_ShouldEqualThePowertoolsOneButForItsTimestamp()
    {
        var reference = Reference();
        var inputs = reference.GetProperty("inputs");
        await using var bootstrap = await StartAsync(inputs);
        bootstrap.Api.Enqueue(new LoopbackInvocation("cold", Fixture("events", "model-package-approved.json"), DateTimeOffset.UtcNow.AddMinutes(1)));
        await bootstrap.Api.ResultAsync("cold", TimeSpan.FromSeconds(60));
        await bootstrap.WaitForAsync(lines => lines.Any(line => line.TryGetProperty("ColdStart", out _)), TimeSpan.FromSeconds(30));

        var actual = Assert.Single(bootstrap.MetricDocuments(), line => line.TryGetProperty("ColdStart", out _));

        Assert.Equal(WithoutTimestamp(reference.GetProperty("coldStartDocument")), WithoutTimestamp(actual));
    }

    private static void AssertMatches(JsonElement expected, JsonElement actual, bool invocation, params string[] shapeOnly)
    {
        var inputs = Reference().GetProperty("inputs");
        foreach (var key in StandardKeys)
        {
            var present = expected.TryGetProperty(key, out var want);
            if (!invocation && InvocationKeys.Contains(key))
            {
                Assert.False(actual.TryGetProperty(key, out _), $"{key} is written outside an invocation");
                continue;
            }

            if (!present)
            {
                continue;
            }

            Assert.True(actual.TryGetProperty(key, out var got), $"{key} is missing from {actual.GetRawText()}");
            switch (key)
            {
                // What is said differs (the INIT line is a warning here, informational in the reference); its shape does not.
                case "message" or "correlation_id":
                case "level" when !invocation:
                case var _ when shapeOnly.Contains(key):
                    Assert.Equal(Shape(want), Shape(got));
                    break;
                case "timestamp":
                    Assert.Matches(TimestampShape(), got.GetString()!);
                    Assert.Matches(TimestampShape(), want.GetString()!);
                    break;
                case "function_memory_size":
                    // Node's Lambda context carries the memory size as a string, so Powertools TypeScript writes
                    // "512"; Powertools Python and .NET write the number, as this service does (docs/operations.md).
                    Assert.Equal(inputs.GetProperty("memoryLimitInMB").GetString(), want.GetString());
                    Assert.Equal(int.Parse(want.GetString()!, System.Globalization.CultureInfo.InvariantCulture), got.GetInt32());
                    break;
                default:
                    Assert.Equal(want.GetRawText(), got.GetRawText());
                    break;
            }
        }

        var order = actual.EnumerateObject().Select(property => property.Name).Where(StandardKeys.Contains).ToArray();
        var expectedOrder = expected.EnumerateObject().Select(property => property.Name).Where(order.Contains).ToArray();
        Assert.Equal(expectedOrder, order.Where(expectedOrder.Contains).ToArray());
    }

    private static JsonValueKind Shape(JsonElement value) =>
        value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;

    private static Task<BootstrapOutput> StartAsync(JsonElement inputs) =>
        BootstrapOutput.StartAsync("AuditTrail", new Dictionary<string, string>
        {
            ["POWERTOOLS_SERVICE_NAME"] = inputs.GetProperty("service").GetString()!,
            ["POWERTOOLS_METRICS_NAMESPACE"] = inputs.GetProperty("metricsNamespace").GetString()!,
            ["POWERTOOLS_LOG_LEVEL"] = "INFO",
            // Not a number: the bootstrap says so in a line written at INIT, outside any invocation.
            ["POWERTOOLS_LOGGER_SAMPLE_RATE"] = "never",
            ["AWS_LAMBDA_FUNCTION_NAME"] = inputs.GetProperty("functionName").GetString()!,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = inputs.GetProperty("memoryLimitInMB").GetString()!,
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
        });

    private static string WithoutTimestamp(JsonElement document)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(document.GetRawText())!;
        node["_aws"]!.AsObject().Remove("Timestamp");
        return node.ToJsonString();
    }

    private static JsonElement Reference()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "powertools", "reference.json")));
        return document.RootElement.Clone();
    }

    private static byte[] Fixture(params string[] path) => File.ReadAllBytes(Path.Combine([AppContext.BaseDirectory, "Fixtures", .. path]));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex TimestampShape();
}
