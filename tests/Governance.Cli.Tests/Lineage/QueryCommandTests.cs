using System.Net.Http.Json;
using System.Text.Json;
using Governance.Local.Ports;
using Governance.Testing;
using static Governance.Cli.Tests.Lineage.LineageCliLedger;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Cli.Tests.Lineage;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class QueryCommandTests(MotoServer moto)
{
    [Fact]
    public async Task Timeline_AsJson_ShouldListEveryRecordInSequence()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["timeline", "credit-risk-scoring/1", "--format", "json", .. connection]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal([1L, 2L, 3L, 4L], json.RootElement.EnumerateArray().Select(r => r.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Timeline_ByTeamPackageArn_ShouldBeTheTimelineOfTheVersionThatPackageBecame()
    {
        var connection = await ConnectionAsync(moto);
        var teamArn = $"arn:aws:sagemaker:{Demo.Region}:{Demo.CreditAccount}:model-package/{Demo.CreditGroup}/3";

        var (exit, output, _) = await RunAsync(["timeline", teamArn, "--format", "json", .. connection]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var records = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, records.Count);
        Assert.All(records, record => Assert.Equal("CentralPackage:" + Demo.CentralArn(Demo.CreditGroup, 1), record.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Endpoints_ShouldSayWhatRunsAndSince()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["endpoints", Demo.CreditEndpointName, "--account", Demo.CreditAccount, .. connection]);

        Assert.Equal(0, exit);
        Assert.Contains($"runs {Demo.CentralArn(Demo.CreditGroup, 1)} since 2025-03-03T12:15:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_Unknown_ShouldExitOne()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, _, errors) = await RunAsync(["endpoints", "nowhere", .. connection]);

        Assert.Equal(1, exit);
        Assert.Contains("nowhere", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Violations_ShouldPrintOneLinePerOpenViolation()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["violations", .. connection]);
        var (_, credit, _) = await RunAsync(["violations", "--account", Demo.CreditAccount, .. connection]);

        Assert.Equal(0, exit);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var creditLines = credit.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^SINCE \(UTC\)\s+SEVERITY\s+RULE\s+RESOURCE\s+ACCOUNT\s+RUNS\s+WHY \(CONFIG\)$", creditLines[0]);
        Assert.Contains("critical  sagemaker-endpoint-configuration-kms-key-configured", Assert.Single(creditLines[1..]), StringComparison.Ordinal);
        Assert.EndsWith($"{Demo.CreditGroup} v1  The endpoint configuration has no KMS key.", creditLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ByPrincipal_ShouldFindTheOutOfBandChange()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["audit", "--from", "2025-03-01", "--to", "2025-03-10", "--principal", Demo.Intruder, .. connection]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("WHEN (UTC)", lines[0], StringComparison.Ordinal);
        var line = Assert.Single(lines[1..]);
        Assert.Contains("audit.UpdateEndpoint", line, StringComparison.Ordinal);
        Assert.Contains("endpoint/credit-risk-scoring-prod", line, StringComparison.Ordinal);
        Assert.Contains("ALERT EndpointOutsideDeploymentRoles", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ShouldServeTheLineageApiOnLoopbackUntilCancelled()
    {
        var connection = await ConnectionAsync(moto);
        var port = MotoServer.FreeLoopbackPort();
        UseMotoCredentials();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var server = CommandLine.RunAsync(["api", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. connection], stdout, stderr, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var models = await RetryAsync(() => http.GetAsync(new Uri("models/credit-risk-scoring?limit=2", UriKind.Relative)));
        var bad = await http.GetAsync(new Uri("models/credit-risk-scoring?limit=0", UriKind.Relative));
        await stop.CancelAsync();
        var exit = await server;

        Assert.Equal(200, (int)models.StatusCode);
        var body = await models.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("versions").GetArrayLength());
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal(0, exit);
        Assert.Contains($"http://127.0.0.1:{port}/", stdout.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await request();
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
