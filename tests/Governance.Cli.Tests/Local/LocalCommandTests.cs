using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Cli.Commands.Local;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;
using Governance.Testing;
using Governance.Testing.Ledger;

namespace Governance.Cli.Tests.Local;

/// <summary>
/// <c>governance local</c> against the shared moto_server (<c>up --endpoint</c>): provisioning, the approval
/// event built from the emulated registry, the settings file, the replay of forged events. Serialised with the other
/// emulator tests, because the CLI's settings live in process-wide environment variables.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LocalCommandTests(MotoServer moto) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"governance-local-{Guid.NewGuid():N}");

    [Fact]
    public async Task UpApproveDown_ShouldProvisionTheAccountsEmitSageMakersApprovalEvent_AndShowNotificationsWithoutConsumingThem()
    {
        Environment.SetEnvironmentVariable(LocalSettings.DirectoryVariable, _folder);
        var (upExit, upOutput, upErrors) = await RunAsync("local", "up", "--endpoint", moto.Endpoint.ToString());
        Assert.True(upExit == 0, upErrors);
        Assert.Contains("team package group credit-risk", upOutput, StringComparison.Ordinal);

        var settings = LocalSettings.TryLoad()!;
        var compliant = settings["GOVERNANCE_LOCAL_COMPLIANT_PACKAGE"];
        Assert.StartsWith($"arn:aws:sagemaker:us-east-1:{LocalAccounts.TeamAccount}:model-package/credit-risk/", compliant, StringComparison.Ordinal);
        Assert.Null(settings.EmulatorPid);

        var eventFile = Path.Combine(_folder, "approval.json");
        var (approveExit, _, approveErrors) = await RunAsync("local", "approve", compliant, "--out", eventFile);
        Assert.True(approveExit == 0, approveErrors);

        var parsed = Assert.IsType<ParsedEvent>(EventParser.Parse(await File.ReadAllBytesAsync(eventFile)));
        var detail = Assert.IsType<ModelPackageStateChange>(parsed.Detail);
        Assert.Equal(compliant, detail.ModelPackageArn.ToString());
        Assert.Equal($"arn:aws:sts::{LocalAccounts.TeamAccount}:assumed-role/{LocalAccounts.TeamApproverRole}/{LocalAccounts.TeamApproverSession}", detail.LastModifiedBy?.IamIdentityArn);
        Assert.Equal(LocalAccounts.TeamAccount, parsed.Envelope.Account);
        Assert.Equal(HandlerNames.RegistrySync, new EventRouter(LocalAccounts.CentralAccount).Route(parsed).Handler);
        using (var document = JsonDocument.Parse(await File.ReadAllBytesAsync(eventFile)))
        {
            var container = document.RootElement.GetProperty("detail").GetProperty("InferenceSpecification").GetProperty("Containers")[0];
            Assert.Contains("@sha256:", container.GetProperty("Image").GetString(), StringComparison.Ordinal);
            Assert.Equal("Approved", document.RootElement.GetProperty("detail").GetProperty("ModelApprovalStatus").GetString());
        }

        var (notificationsExit, notifications, _) = await RunAsync("--local", "local", "notifications");
        Assert.Equal(0, notificationsExit);
        Assert.Contains("empty", notifications, StringComparison.Ordinal);

        var (replayExit, replayed, replayErrors) = await RunAsync("--local", "replay", eventFile);
        Assert.True(replayExit == 0, replayed + replayErrors);
        var (_, firstLook, _) = await RunAsync("--local", "local", "notifications");
        var (_, secondLook, _) = await RunAsync("--local", "local", "notifications");
        Assert.Contains("    Subject: Submitted: credit-risk v", firstLook, StringComparison.Ordinal);
        Assert.Contains("  ✉ From:    governance-notifications <", firstLook, StringComparison.Ordinal);
        Assert.Equal(firstLook, secondLook);
        var (consumeExit, consumed, _) = await RunAsync("--local", "local", "notifications", "--consume");
        Assert.Equal(0, consumeExit);
        Assert.Equal(firstLook, consumed);
        var (_, afterConsume, _) = await RunAsync("--local", "local", "notifications");
        Assert.Contains("empty", afterConsume, StringComparison.Ordinal);

        var (downExit, _, _) = await RunAsync("local", "down");
        Assert.Equal(0, downExit);
        Assert.Null(LocalSettings.TryLoad());
    }

    [Fact]
    public async Task LocalReplay_OfForgedCloudTrailEvents_ShouldAnswerRejectedWithTheReasonAndWriteNothing()
    {
        // local up provisions fixed names: an emulator of its own, so it does not meet the other test's.
        var own = MotoServer.WithEnvironment(new Dictionary<string, string>());
        await own.InitializeAsync();
        try
        {
            await ReplayForgedEventsAsync(own);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private async Task ReplayForgedEventsAsync(MotoServer emulator)
    {
        Environment.SetEnvironmentVariable(LocalSettings.DirectoryVariable, _folder);
        var (upExit, _, upErrors) = await RunAsync("local", "up", "--endpoint", emulator.Endpoint.ToString());
        Assert.True(upExit == 0, upErrors);
        var table = LocalSettings.TryLoad()!["GOVERNANCE_TABLE"];
        using var dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = emulator.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
        var before = await LedgerDump.ReadAsync(dynamo, table, new Dictionary<string, string>(), CancellationToken.None);

        var (exit, output, _) = await RunAsync("--local", "replay", Forged("custom-source-delete-model-package.json"), Forged("mismatched-accounts-create-endpoint.json"), "--json");

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(1, exit);
        Assert.Equal(["rejected", "rejected"], results.Select(result => result.GetProperty("outcome").GetString()));
        Assert.Contains("source \"my.app\"", results[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("recipientAccountId 111111111111", results[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.All(results, result => Assert.Equal(0, result.GetProperty("effects").GetArrayLength()));
        var after = await LedgerDump.ReadAsync(dynamo, table, new Dictionary<string, string>(), CancellationToken.None);
        Assert.Equal(before.Lines, after.Lines);
    }

    [Fact]
    public void Settings_ShouldRoundTripValuesWithQuotesAndSpaces()
    {
        Environment.SetEnvironmentVariable(LocalSettings.DirectoryVariable, _folder);
        var values = new Dictionary<string, string> { ["A"] = "it's here", ["B"] = "http://127.0.0.1:5000", ["C"] = "" };

        new LocalSettings(values).Save();
        var loaded = LocalSettings.TryLoad()!;

        Assert.Equal(values.OrderBy(pair => pair.Key), loaded.Values.OrderBy(pair => pair.Key));
    }

    public void Dispose()
    {
        // The CLI applies the local settings to the process environment; leave it as the other tests expect.
        foreach (var key in LocalSettings.TryLoad()?.Values.Keys ?? [])
        {
            Environment.SetEnvironmentVariable(key, null);
        }

        foreach (var key in new[] { "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GOVERNANCE_CENTRAL_ACCOUNT", "GOVERNANCE_TABLE", "GOVERNANCE_TOPIC_ARN" })
        {
            Environment.SetEnvironmentVariable(key, null);
        }

        Environment.SetEnvironmentVariable(LocalSettings.DirectoryVariable, null);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Forged(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "forged", name);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }
}
