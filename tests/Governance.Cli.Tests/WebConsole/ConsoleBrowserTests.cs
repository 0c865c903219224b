using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Aws.Ledger;
using Governance.Cli.Tests.Process;
using Governance.Core.Ledger;
using Governance.Local.Lambda;
using Governance.Testing;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Cli.Tests.WebConsole;

/// <summary>
/// <c>governance console</c> in a real headless Chromium (Debian's, driven by playwright-core from tests/console-browser):
/// the demo ledger plus a record whose principal and alert text are HTML. Pages load without script errors or
/// requests to other origins, filters narrow the inventory, every link resolves, and nothing from the ledger or the
/// address bar runs as markup. Set GOVERNANCE_CONSOLE_SCREENSHOTS to a folder to keep the screenshots (docs/ has them).
/// </summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class ConsoleBrowserTests(MotoServer moto) : IDisposable
{
    private const string HostileActor = "<img src=x onerror=\"window.pwned=3\">mallory";
    private const string HostileAlert = "<script>window.pwned=4</script>EndpointOutsideDeploymentRoles: changed from a laptop";
    private static readonly string Driver = RepositoryRoot.Combine("tests", "console-browser");
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("governance-console-");

    [Fact]
    public async Task Console_InHeadlessChromium_ShouldBrowseFilterAndLinkWithoutRunningAnythingFromTheLedger()
    {
        Assert.True(Directory.Exists(Path.Combine(Driver, "node_modules", "playwright-core")), "tests/console-browser is not installed: ./test runs npm ci there");
        var table = await SeedAsync();
        var port = MotoServer.FreeLoopbackPort();
        await using var server = await CliServer.StartAsync(
            ["console", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--table", table, "--endpoint", moto.Endpoint.ToString(),
             "--region", Demo.Region, "--central-account", Demo.CentralAccount],
            CliProcess.MotoEnvironment(_home.FullName), _home.FullName, TimeSpan.FromMinutes(2));
        var shots = Directory.CreateDirectory(Path.Combine(_home.FullName, "shots"));

        var run = await ExternalCommand.RunAsync("node",
            [Path.Combine(Driver, "browse.mjs"), $"http://127.0.0.1:{port}/", shots.FullName, "2025-03-01", "2025-03-31", Demo.Intruder],
            Driver, TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 0, $"browse.mjs failed: {run.StandardError}\n{run.StandardOutput}\nserver: {server.Errors}");
        using var seen = JsonDocument.Parse(run.StandardOutput);
        var root = seen.RootElement;
        Assert.Empty(root.GetProperty("errors").EnumerateArray());
        Assert.Empty(root.GetProperty("foreignRequests").EnumerateArray());
        Assert.Equal(0, root.GetProperty("dialogs").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pwned").ValueKind);

        Assert.Equal(4, root.GetProperty("inventory").GetProperty("rows").GetInt32());
        Assert.Equal([Demo.CreditGroup, Demo.CreditGroup, Demo.CreditGroup, Demo.FraudGroup], Strings(root.GetProperty("inventory").GetProperty("models")));
        Assert.Equal([Demo.FraudGroup], Strings(root.GetProperty("search").GetProperty("models")));
        Assert.Equal(["version 2"], Strings(root.GetProperty("rejected").GetProperty("versions")));

        var model = root.GetProperty("model");
        Assert.EndsWith($"/models/{Demo.CreditGroup}/versions/3", model.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{Demo.CreditGroup} — version 3", model.GetProperty("heading").GetString());
        Assert.True(model.GetProperty("graph").GetInt32() > 0);
        Assert.Equal(5, model.GetProperty("nav").GetInt32());

        Assert.Equal(2, root.GetProperty("violations").GetProperty("rows").GetInt32());
        Assert.Contains("sagemaker-endpoint-configuration-kms-key-configured", Strings(root.GetProperty("violations").GetProperty("rules")));

        var alerts = root.GetProperty("alerts");
        Assert.Equal([HostileActor, Demo.Intruder], Strings(alerts.GetProperty("who")));
        Assert.Equal(0, alerts.GetProperty("injectedImages").GetInt32());

        Assert.Equal(["audit.UpdateEndpoint"], Strings(root.GetProperty("audit").GetProperty("what")));
        Assert.Contains("from", Assert.Single(Strings(root.GetProperty("auditError"))), StringComparison.Ordinal);
        Assert.Equal("\"><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">", root.GetProperty("reflected").GetProperty("value").GetString());
        Assert.Equal(0, root.GetProperty("reflected").GetProperty("images").GetInt32());

        var links = root.GetProperty("links").EnumerateObject().ToList();
        Assert.True(links.Count >= 10, $"only {links.Count} links were found");
        Assert.All(links, link => Assert.True(link.Value.ValueKind == JsonValueKind.Number && link.Value.GetInt32() == 200, $"{link.Name} answered {link.Value}"));

        foreach (var name in new[] { "console-inventory", "console-model", "console-violations", "console-alerts", "console-audit" })
        {
            var png = await File.ReadAllBytesAsync(Path.Combine(shots.FullName, name + ".png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            if (Environment.GetEnvironmentVariable("GOVERNANCE_CONSOLE_SCREENSHOTS") is { Length: > 0 } keep)
            {
                File.Copy(Path.Combine(shots.FullName, name + ".png"), Path.Combine(keep, name + ".png"), overwrite: true);
            }
        }
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString() ?? "").ToArray();

    private async Task<string> SeedAsync()
    {
        using var dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
        var table = MotoServer.UniqueName("console");
        await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
        var writer = new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System);
        await Demo.SeedAsync(writer, CancellationToken.None);
        var endpoint = new NodeRef(NodeTypes.Endpoint, Demo.EndpointArn(Demo.CreditAccount, Demo.CreditEndpointName));
        await writer.AppendAsync(new LedgerEventDraft(endpoint, "ct-hostile", "audit.UpdateEndpoint", Demo.Start.AddDays(2), HostileActor, Demo.CreditAccount, Demo.CreditGroup,
            new Dictionary<string, string> { ["alerts"] = HostileAlert }), CancellationToken.None);
        return table;
    }
}
