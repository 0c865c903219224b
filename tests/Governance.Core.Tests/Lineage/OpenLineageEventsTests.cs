using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Core.Tests.Lineage;

/// <summary>The OpenLineage export, validated against the official spec and facet schemas with a real JSON Schema validator.</summary>
public sealed class OpenLineageEventsTests
{
    private static readonly OpenLineageSchemas Schemas = new();

    [SharedFact]
    public async Task From_DemoVersion_ShouldEmitAStartAndATerminalEventPerRunThatTheOfficialSchemasAccept()
    {
        var lineage = await DemoLineageAsync();

        var lines = OpenLineageEvents.ToJsonLines(OpenLineageEvents.From(lineage)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, runEvent => Assert.Empty(Schemas.Validate(runEvent)));
        Assert.Equal(["START", "COMPLETE", "START", "COMPLETE"], events.Select(e => e.GetProperty("eventType").GetString()));
        var (trainingStart, training, deploymentStart, deployment) = (events[0], events[1], events[2], events[3]);
        Assert.Equal("training-job/credit-risk-train-2024-06", training.GetProperty("job").GetProperty("name").GetString());
        Assert.Equal(RunId(trainingStart), RunId(training));
        Assert.Equal(
            ["s3://acme-ml-data|credit-risk/train-2024-06/", "s3://acme-ml-data|shared/customers-2024-06/"],
            Datasets(training.GetProperty("inputs")).Order(StringComparer.Ordinal));
        Assert.Empty(trainingStart.GetProperty("outputs").EnumerateArray());
        Assert.Equal(
            ["arn:aws:sagemaker:us-east-1:123456789012|model-package/credit-risk-scoring/1", "s3://acme-ml-artifacts-111122223333|credit-risk-scoring/train-2024-06/output/model.tar.gz"],
            Datasets(training.GetProperty("outputs")).Order(StringComparer.Ordinal));
        Assert.Equal("TRAINING", training.GetProperty("job").GetProperty("facets").GetProperty("jobType").GetProperty("jobType").GetString());
        Assert.Equal("pipeline/credit-risk-deploy", deployment.GetProperty("job").GetProperty("name").GetString());
        Assert.Equal(RunId(deploymentStart), RunId(deployment));
        Assert.True(deploymentStart.GetProperty("eventTime").GetDateTimeOffset() < deployment.GetProperty("eventTime").GetDateTimeOffset());
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012|model-package/credit-risk-scoring/1"], Datasets(deployment.GetProperty("inputs")));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:111122223333|endpoint/credit-risk-scoring-prod"], Datasets(deployment.GetProperty("outputs")));
        Assert.Equal("team:credit-risk", deployment.GetProperty("job").GetProperty("facets").GetProperty("ownership").GetProperty("owners")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task From_TheSameLineageTwice_ShouldReuseTheRunIds()
    {
        var lineage = await DemoLineageAsync();

        var first = OpenLineageEvents.From(lineage).Select(e => e.Run.RunId).ToList();
        var second = OpenLineageEvents.From(lineage).Select(e => e.Run.RunId).ToList();

        Assert.Equal(first, second);
        Assert.Equal(2, first.Distinct().Count());
    }

    [Fact]
    public async Task From_TwoRunsOfOneTrainingJobDefinition_ShouldShareTheJobButNotTheRun()
    {
        var lineage = await DemoLineageAsync();
        var job = lineage.Upstream.TrainingJobs[0];
        var runs = new[] { "churn-train-2024-06-05-12-34-56-789", "churn-train-2024-06-12-08-00-01-002" }
            .Select(name => job with { Id = job.Id[..(job.Id.IndexOf('/') + 1)] + name }).ToList();

        var events = OpenLineageEvents.From(lineage with { Upstream = lineage.Upstream with { TrainingJobs = runs } });

        var training = events.Where(e => e.Job.Name.StartsWith("training-job/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["training-job/churn-train"], training.Select(e => e.Job.Name).Distinct());
        Assert.Equal(2, training.Select(e => e.Run.RunId).Distinct().Count());
    }

    [Theory]
    [InlineData("Stopped", "ABORT")]
    [InlineData("Failed", "FAIL")]
    [InlineData("Succeeded", "COMPLETE")]
    [InlineData("Executing", null)]
    public async Task From_ADeploymentRun_ShouldEndAsItsStatusSays(string status, string? terminal)
    {
        var lineage = await DemoLineageAsync();
        var run = lineage.Downstream.Executions[0] with { Status = status };

        var events = OpenLineageEvents.From(lineage with { Downstream = lineage.Downstream with { Executions = [run] } })
            .Where(e => e.Job.Name.StartsWith("pipeline/", StringComparison.Ordinal)).Select(e => e.EventType);

        Assert.Equal(terminal is null ? ["START"] : ["START", terminal], events);
    }

    [Theory]
    [InlineData("Failed", "FAIL")]
    [InlineData("Stopped", "ABORT")]
    [InlineData("InProgress", null)]
    public async Task From_ATrainingRun_ShouldEndAsItsStatusSays(string status, string? terminal)
    {
        var lineage = await DemoLineageAsync();
        var job = lineage.Upstream.TrainingJobs[0];
        var attributes = new Dictionary<string, string>(job.Attributes) { ["trainingJobStatus"] = status };

        var events = OpenLineageEvents.From(lineage with { Upstream = lineage.Upstream with { TrainingJobs = [job with { Attributes = attributes }] } })
            .Where(e => e.Job.Name.StartsWith("training-job/", StringComparison.Ordinal)).Select(e => e.EventType);

        Assert.Equal(terminal is null ? ["START"] : ["START", terminal], events);
    }

    [SharedTheory]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"not-a-uuid"},"job":{"namespace":"n","name":"j"}}""", "/run/runId")]
    [InlineData("""{"eventTime":"yesterday","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j"}}""", "/eventTime")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","eventType":"DONE","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j"}}""", "/eventType")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n"}}""", "name")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j","facets":{"mlGovernance_codeRevision":{"_producer":"urn:x","_schemaURL":"https://ml-governance.github.io/spec/facets/1-0-0/CodeRevisionJobFacet.json#/$defs/CodeRevisionJobFacet","repository":"r"}}}}""", "revision")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j","facets":{"sourceCodeLocation":{"_producer":"urn:x","_schemaURL":"https://openlineage.io/spec/facets/1-1-0/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet","type":"git","url":"not a url"}}}}""", "sourceCodeLocation")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j","facets":{"x":{"_producer":"urn:x"}}}}""", "_schemaURL")]
    public void Validator_ShouldRejectEventsThatBreakTheSchemas(string json, string culprit)
    {
        using var instance = JsonDocument.Parse(json);

        var errors = Schemas.Validate(instance.RootElement);

        Assert.Contains(errors, error => error.Contains(culprit, StringComparison.Ordinal));
    }

    internal static async Task<VersionLineageResponse> DemoLineageAsync()
    {
        var ledger = new InMemoryLedger(new ManualClock(LineageDemoLedger.Start));
        await LineageDemoLedger.SeedAsync(ledger, CancellationToken.None);
        var service = new LineageService(ledger, new LineageLocation(LineageDemoLedger.CentralAccount, LineageDemoLedger.Region), new InMemoryLocationIndex());
        var central = service.CentralPackage(LineageDemoLedger.CreditGroup, 1);
        return await service.LineageAsync(central, await ledger.GetNodeAsync(central, CancellationToken.None), CancellationToken.None);
    }

    private static string? RunId(JsonElement runEvent) => runEvent.GetProperty("run").GetProperty("runId").GetString();

    private static IEnumerable<string> Datasets(JsonElement datasets) =>
        datasets.EnumerateArray().Select(d => $"{d.GetProperty("namespace").GetString()}|{d.GetProperty("name").GetString()}");
}
