using Governance.Testing;
using static Governance.Cli.Tests.Lineage.LineageCliLedger;

namespace Governance.Cli.Tests.Process;

/// <summary>
/// The CLI run as a process, with the mistakes users make: each ends in one line naming the problem and the fix,
/// the exit status the help promises, and never a stack trace.
/// </summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class CliFailureTests(MotoServer moto) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("governance-cli-");

    [Fact]
    public async Task MissingCredentials_ShouldSayHowToGetThem_AndExitTwo()
    {
        var environment = Environment();
        environment["AWS_ACCESS_KEY_ID"] = null;
        environment["AWS_SECRET_ACCESS_KEY"] = null;

        var result = await RunAsync(environment, ["violations", .. await ConnectionAsync(moto)]);

        AssertOneLineError(result, 2, "no AWS credentials found", "aws configure");
    }

    [Fact]
    public async Task DeadEndpoint_ShouldFailInSecondsNamingTheEmulator_AndExitTwo()
    {
        var dead = $"http://127.0.0.1:{MotoServer.FreeLoopbackPort()}";

        var result = await RunAsync(Environment(), ["lineage", "credit-risk-scoring/1", "--table", "t", "--central-account", "123456789012", "--endpoint", dead]);

        AssertOneLineError(result, 2, "connection refused", "governance local up");
        // The SDK's retries took 111 s here before the probe; the probe gives up after 3 s.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(60), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task EndpointThatIsNotAUrl_ShouldSaySo_AndExitTwo()
    {
        var result = await RunAsync(Environment(), ["ledger", "verify", "--table", "t", "--endpoint", "localhost-5000"]);

        AssertOneLineError(result, 2, "governance ledger verify: the endpoint 'localhost-5000' is not an http(s) URL", "--endpoint");
    }

    [Fact]
    public async Task MissingRegion_ShouldNameTheSetting_AndExitTwo()
    {
        var environment = Environment();
        environment["AWS_REGION"] = null;
        environment["AWS_DEFAULT_REGION"] = null;

        var result = await RunAsync(environment, ["violations", "--table", "t", "--central-account", "123456789012"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no region: pass --region or set AWS_REGION", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutInAFolderThatDoesNotExist_ShouldSaySo_AndExitTwo()
    {
        var report = Path.Combine(_home.FullName, "missing", "report.html");

        var result = await RunAsync(Environment(), ["lineage", "credit-risk-scoring/1", "--format", "html", "--out", report, .. await ConnectionAsync(moto)]);

        AssertOneLineError(result, 2, $"cannot write --out '{report}': its folder does not exist", "create the folder");
    }

    [Fact]
    public async Task OutThatIsAFolder_ShouldSaySo_AndExitTwo()
    {
        var result = await RunAsync(Environment(), ["violations", "--out", _home.FullName, .. await ConnectionAsync(moto)]);

        AssertOneLineError(result, 2, $"cannot write --out '{_home.FullName}'", "folder");
    }

    [Fact]
    public async Task MisspeltCommand_ShouldSuggestTheCommand_AndExitTwo()
    {
        var result = await RunAsync(Environment(), ["violatons"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'governance violations'?", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_ShouldPrintTheVersion()
    {
        var result = await RunAsync(Environment(), ["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^governance \d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public async Task LocalAfterTheCommand_AndFormatInCapitals_ShouldBeAccepted()
    {
        var connection = await ConnectionAsync(moto);
        var local = Directory.CreateDirectory(Path.Combine(_home.FullName, ".local"));
        await File.WriteAllTextAsync(Path.Combine(local.FullName, "env"), $"""
            AWS_ENDPOINT_URL='{moto.Endpoint.ToString().TrimEnd('/')}'
            GOVERNANCE_TABLE='{connection[1]}'
            GOVERNANCE_CENTRAL_ACCOUNT='{connection[^1]}'
            """);

        var result = await RunAsync(Environment(), ["violations", "--format", "JSON", "--local"]);

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.StartsWith("[", result.Output.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("sagemaker-endpoint-configuration-kms-key-configured", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayOfAPathThatDoesNotExist_ShouldExitTwo()
    {
        var result = await RunAsync(Environment(), ["replay", Path.Combine(_home.FullName, "nowhere")]);

        AssertOneLineError(result, 2, "no such file or folder", "nowhere");
    }

    [Fact]
    public async Task ReplayOfFilesAllRejected_ShouldExitOne_AndNameEachFile()
    {
        var events = Directory.CreateDirectory(Path.Combine(_home.FullName, "events"));
        await File.WriteAllTextAsync(Path.Combine(events.FullName, "a.json"), "{ not json");
        await File.WriteAllTextAsync(Path.Combine(events.FullName, "b.json"), "{}");

        var result = await RunAsync(Environment(), ["replay", events.FullName, "--json", "--dry-run"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("every event (2) was rejected", result.Errors, StringComparison.Ordinal);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"file\":\"" + Path.Combine(events.FullName, "a.json") + "\",", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerVerifyOfASubjectWithNoRecords_ShouldSaySo_AndExitOne()
    {
        var connection = await ConnectionAsync(moto);

        var result = await RunAsync(Environment(), ["ledger", "verify", "--subject", "Endpoint:arn:aws:sagemaker:us-east-1:111122223333:endpoint/nothing-here",
            "--table", connection[1], "--endpoint", connection[3]]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no records for Endpoint:arn:aws:sagemaker:us-east-1:111122223333:endpoint/nothing-here", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSubcommandWithAnUnknownOption_ShouldExitTwo()
    {
        var down = await RunAsync(Environment(), ["local", "down", "--force"]);
        var notifications = await RunAsync(Environment(), ["local", "notifications", "--all"]);

        AssertOneLineError(down, 2, "down takes no options, not '--force'", "--help");
        AssertOneLineError(notifications, 2, "notifications takes only --consume, not '--all'", "--help");
    }

    [Fact]
    public async Task Alerts_ShouldListTheOutOfBandChangeInColumns_AndExitOne()
    {
        var result = await RunAsync(Environment(), ["alerts", "--from", "2025-03-01", "--to", "2025-03-10", .. await ConnectionAsync(moto)]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^WHEN \(UTC\)\s+ACCOUNT\s+WHO\s+ACTION\s+RESOURCE\s+ALERT$", lines[0]);
        Assert.Contains("2025-03-04 11:00:00  111122223333", lines[1], StringComparison.Ordinal);
        Assert.Contains("UpdateEndpoint", lines[1], StringComparison.Ordinal);
        Assert.Contains("endpoint/credit-risk-scoring-prod", lines[1], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("ACTION", StringComparison.Ordinal), lines[1].IndexOf("UpdateEndpoint", StringComparison.Ordinal));
    }

    public void Dispose() => _home.Delete(recursive: true);

    private Dictionary<string, string?> Environment() => CliProcess.MotoEnvironment(_home.FullName);

    private Task<CliProcess.Result> RunAsync(Dictionary<string, string?> environment, string[] args) =>
        CliProcess.RunAsync(args, environment, _home.FullName, Timeout);

    private static void AssertOneLineError(CliProcess.Result result, int exitCode, string problem, string fix)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}; stderr: {result.Errors}");
        var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("Try '", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one line, got: {result.Errors}");
        Assert.Contains(problem, lines[0], StringComparison.Ordinal);
        Assert.Contains(fix, result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Errors, StringComparison.Ordinal);
    }
}
