using System.Text.Json;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Cli.Tests.Replay;

[Collection(MotoGroup.Name)] // serialised with the tests that change the process environment
public class ReplayCommandTests
{
    private static readonly string[] ResultKeys = ["file", "eventId", "source", "detailType", "handler", "outcome", "reason", "effects", "alreadyDone"];
    private static readonly string[] Outcomes = ["processed", "ignored", "rejected", "failed"];

    [SharedFact]
    public async Task Replay_SharedEventsWithoutAwsConfiguration_ShouldPrintOneResultLinePerFileAndSayWhyHandlersCannotStart()
    {
        var events = SharedFolder.Combine("events");
        var files = Directory.GetFiles(events, "*.json*", SearchOption.AllDirectories);

        var (exit, output, _) = await RunAsync("replay", events, "--json", "--central-account", "123456789012");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Equal(files.Length, lines.Length);
        Assert.Contains(lines, line => line.Contains("\"outcome\":\"failed\"", StringComparison.Ordinal) && line.Contains("cannot start", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            using var result = JsonDocument.Parse(line);
            Assert.Equal(ResultKeys, result.RootElement.EnumerateObject().Select(property => property.Name));
            Assert.Contains(result.RootElement.GetProperty("outcome").GetString(), Outcomes);
            Assert.False(string.IsNullOrWhiteSpace(result.RootElement.GetProperty("reason").GetString()));
        });
    }

    [SharedFact]
    public async Task Replay_InvalidSamples_ShouldBeRejectedWithTheParsersReason()
    {
        var invalid = Directory.GetFiles(SharedFolder.Combine("events"), "*.json.invalid", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var (_, output, _) = await RunAsync(["replay", .. invalid, "--json"]);

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(invalid.Length, results.Count);
        Assert.All(results, result =>
        {
            Assert.Equal("rejected", result.GetProperty("outcome").GetString());
            Assert.Contains("not valid JSON", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Replay_TeamApproval_ShouldReachRegistrySync()
    {
        var (exit, output, _) = await RunAsync("replay", Fixture("model-package-approved.json"), "--json", "--dry-run", "--central-account", "123456789012");

        using var result = JsonDocument.Parse(output);
        Assert.Equal(0, exit);
        Assert.Equal("RegistrySync", result.RootElement.GetProperty("handler").GetString());
        Assert.Equal("7c0b1f3e-2d4a-4f55-9a61-0b7e4f1c2a01", result.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Replay_DryRun_ShouldNameTheHandlerAndRunNothing()
    {
        var (_, output, _) = await RunAsync("replay", Fixture("model-package-approved.json"), "--json", "--dry-run", "--central-account", "123456789012");

        using var result = JsonDocument.Parse(output);
        Assert.Equal("RegistrySync", result.RootElement.GetProperty("handler").GetString());
        Assert.StartsWith("dry run:", result.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WhenAPathIsMissing_ShouldExitTwoBeforeReplayingAnything()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var (exit, output, errors) = await RunAsync("replay", missing, Fixture("model-package-approved.json"), "--json", "--dry-run");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"no such file or folder: {missing}", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WithoutCentralAccount_ShouldWarnThatEveryAccountIsATeamAccount()
    {
        var (_, _, errors) = await RunAsync("replay", Fixture("model-package-approved.json"), "--dry-run");

        Assert.Contains("no central account configured", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "--bogus", "x.json")]
    [InlineData("replay")]
    [InlineData("replay", "x.json", "--central-account", "12")]
    [InlineData("frobnicate")]
    public async Task Commands_WhenUsageIsWrong_ShouldExitTwoAndExplain(params string[] args)
    {
        var (exit, _, errors) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("governance", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("replay", "--help")]
    [InlineData("ledger", "--help")]
    [InlineData("ledger", "verify", "--help")]
    public async Task Help_ShouldPrintUsageAndExitZero(params string[] args)
    {
        var (exit, output, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("Usage: governance", output, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", name);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }
}
