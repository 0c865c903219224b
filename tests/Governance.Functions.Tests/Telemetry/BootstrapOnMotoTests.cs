using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Handlers.Composition;
using Governance.Core.Routing;
using Governance.Functions.Tests.Reliability;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Local.Lambda;
using Json.Schema;

namespace Governance.Functions.Tests.Telemetry;

/// <summary>
/// The real bootstrap syncing a team approval against moto_server, every AWS call through a recording proxy:
/// each call carries the invocation's X-Ray trace header (the SDK clients' and the project's signed core's),
/// and each EMF document it writes validates against the published EMF schema (<c>../shared/emf</c>, read in place).
/// </summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class BootstrapOnMotoTests(MotoServer moto)
{
    private const string Trace = "Root=1-6759e988-bd862e3fe1be46a994272793;Parent=63995c3f42cd8ad8;Sampled=1";
    private const string FunctionName = "governance-RegistrySyncFunction-1A2B3C";

    [SharedFact]
    public async Task RegistrySync_ThroughTheRealBootstrap_ShouldTraceEveryAwsCallAndWriteSchemaValidEmf()
    {
        await using var harness = await FaultsHarness.CreateAsync(moto, seed: 7);
        var bed = harness.Bed;
        var approval = await bed.TeamApprovalAsync(await bed.TeamPackageAsync());
        var before = harness.Proxy.Count;
        await using var bootstrap = await BootstrapOutput.StartAsync(HandlerNames.RegistrySync, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = FunctionName,
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey,
            ["AWS_ENDPOINT_URL"] = harness.Proxy.Endpoint.ToString().TrimEnd('/'),
            ["GOVERNANCE_CENTRAL_ACCOUNT"] = FlowBed.CentralAccount,
            ["GOVERNANCE_TABLE"] = bed.Table,
            ["GOVERNANCE_TOPIC_ARN"] = bed.TopicArn,
            ["GOVERNANCE_MODEL_BUCKET"] = bed.CentralBucket,
            ["GOVERNANCE_READER_ROLE"] = FlowBed.ReaderRole,
            ["POWERTOOLS_SERVICE_NAME"] = "ml-governance",
            ["POWERTOOLS_METRICS_NAMESPACE"] = "MlGovernance",
        });

        bootstrap.Api.Enqueue(new LoopbackInvocation("sync-1", approval, DateTimeOffset.UtcNow.AddMinutes(2), TraceId: Trace));
        var result = await bootstrap.Api.ResultAsync("sync-1", TimeSpan.FromMinutes(2));
        await bootstrap.WaitForAsync(lines => lines.Any(line => line.TryGetProperty("EventsProcessed", out _)), TimeSpan.FromSeconds(30));

        Assert.Equal(ResultKind.Response, result.Kind);
        using (var response = JsonDocument.Parse(result.Body))
        {
            Assert.Equal("processed", response.RootElement.GetProperty("outcome").GetString());
        }

        var calls = harness.Proxy.Requests.Where(request => request.Sequence > before).ToList();
        Assert.Superset(new HashSet<string> { "dynamodb", "sts", "sagemaker", "s3", "sns" }, calls.Select(call => call.Service).ToHashSet());
        Assert.All(calls, call => Assert.True(call.TraceHeader == Trace, $"{call} carried trace header '{call.TraceHeader}'"));

        var documents = bootstrap.MetricDocuments();
        var schema = EmfSchema();
        Assert.All(documents, document =>
        {
            var evaluation = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, $"{document.GetRawText()} is not valid EMF: {JsonSerializer.Serialize(evaluation)}");
        });
        Assert.All(documents, document => Assert.Equal(FunctionName, document.GetProperty("function_name").GetString()));
        Assert.All(documents, EmittedMetrics.AssertKnown);
        Assert.Single(documents, document => document.TryGetProperty("ColdStart", out _));
        var handler = Assert.Single(documents, document => document.TryGetProperty("HandlerDuration", out _));
        Assert.Equal(1, handler.GetProperty(PortMetrics.NotificationsSent).GetInt32());
        Assert.True(handler.GetProperty(PortMetrics.LedgerAppends).GetInt32() > 0);
        var processed = Assert.Single(documents, document => document.TryGetProperty("Outcome", out _));
        Assert.Equal("processed", processed.GetProperty("Outcome").GetString());
    }

    [SharedFact]
    public void EmfSchema_ShouldRejectADocumentWithoutItsMetadata()
    {
        var invalid = JsonDocument.Parse("""{"_aws":{"Timestamp":"soon","CloudWatchMetrics":[{"Namespace":"","Dimensions":[],"Metrics":[{}]}]}}""").RootElement;

        Assert.False(EmfSchema().Evaluate(invalid).IsValid);
    }

    // The published schema's "$id" members of the form "#/..." are not identifiers a JSON Schema validator
    // accepts (shared/emf/SOURCE.md); they name nothing the schema refers to, so they are set aside when loading.
    private static JsonSchema EmfSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SharedFolder.Combine("emf", "emf.schema.json")))!;
        RemoveIds(schema);
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static void RemoveIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("$id");
                foreach (var (_, child) in obj)
                {
                    RemoveIds(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RemoveIds(child);
                }

                break;
        }
    }
}
