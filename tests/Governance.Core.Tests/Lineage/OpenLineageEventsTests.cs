using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Core.Tests.Lineage;

public sealed class OpenLineageEventsTests
{
    private static readonly string SchemaPath = RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Lineage", "Fixtures", "openlineage-runevent.schema.json");

    [Fact]
    public async Task From_DemoVersion_ShouldEmitATrainingRunAndADeploymentRunThatMatchTheSchema()
    {
        var lineage = await DemoLineageAsync();
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(SchemaPath));
        var validator = new SchemaValidator(schema.RootElement);

        var lines = OpenLineageEvents.ToJsonLines(OpenLineageEvents.From(lineage)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var runEvent = JsonDocument.Parse(line);
            Assert.Empty(validator.Validate(runEvent.RootElement));
        }

        using var training = JsonDocument.Parse(lines[0]);
        using var deployment = JsonDocument.Parse(lines[1]);
        Assert.Equal("training-job/credit-risk-train-2024-06", training.RootElement.GetProperty("job").GetProperty("name").GetString());
        Assert.Equal(
            ["s3://acme-ml-data|credit-risk/train-2024-06/", "s3://acme-ml-data|shared/customers-2024-06/"],
            Datasets(training.RootElement.GetProperty("inputs")).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["arn:aws:sagemaker:us-east-1:123456789012|model-package/credit-risk-scoring/1", "s3://acme-ml-artifacts-111122223333|credit-risk-scoring/train-2024-06/output/model.tar.gz"],
            Datasets(training.RootElement.GetProperty("outputs")).Order(StringComparer.Ordinal));
        Assert.Equal("COMPLETE", deployment.RootElement.GetProperty("eventType").GetString());
        Assert.Equal(["arn:aws:sagemaker:us-east-1:123456789012|model-package/credit-risk-scoring/1"], Datasets(deployment.RootElement.GetProperty("inputs")));
        Assert.Equal(["arn:aws:sagemaker:us-east-1:111122223333|endpoint/credit-risk-scoring-prod"], Datasets(deployment.RootElement.GetProperty("outputs")));
    }

    [Fact]
    public async Task From_TheSameLineageTwice_ShouldReuseTheRunIds()
    {
        var lineage = await DemoLineageAsync();

        var first = OpenLineageEvents.From(lineage).Select(e => e.Run.RunId);
        var second = OpenLineageEvents.From(lineage).Select(e => e.Run.RunId);

        Assert.Equal(first, second);
        Assert.Equal(2, first.Distinct().Count());
    }

    [Theory]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"not-a-uuid"},"job":{"namespace":"n","name":"j"}}""", "runId")]
    [InlineData("""{"eventTime":"yesterday","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j"}}""", "eventTime")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","eventType":"DONE","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j"}}""", "eventType")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n"}}""", "name")]
    [InlineData("""{"eventTime":"2025-03-03T09:00:00Z","producer":"urn:x","schemaURL":"https://x/y","run":{"runId":"0f2b3c4d-1111-5222-8333-444455556666"},"job":{"namespace":"n","name":"j"},"inputs":[{"name":"d"}]}""", "namespace")]
    public void Validator_ShouldRejectEventsThatBreakTheSchema(string json, string culprit)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        using var instance = JsonDocument.Parse(json);

        var errors = new SchemaValidator(schema.RootElement).Validate(instance.RootElement);

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

    private static IEnumerable<string> Datasets(JsonElement datasets) =>
        datasets.EnumerateArray().Select(d => $"{d.GetProperty("namespace").GetString()}|{d.GetProperty("name").GetString()}");
}
