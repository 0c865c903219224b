using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Settings;
using Governance.Local.Lambda;
using Governance.Testing;
using static Governance.Functions.Tests.Lineage.LineageApiHarness;

namespace Governance.Functions.Tests.Lineage;

/// <summary>The lineage API reads its page-token key from Secrets Manager at INIT, on moto_server; every way it can be wrong is said.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class PageTokenKeyMotoTests(MotoServer moto)
{
    private Dictionary<string, string> Settings(string table, string secret) => new(StringComparer.Ordinal)
    {
        [EndpointResolver.GlobalVariable] = moto.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey,
        [SettingNames.Region] = MotoServer.Region,
        [SettingNames.Table] = table,
        [SettingNames.CentralAccount] = Governance.Local.Ports.LineageDemoLedger.CentralAccount,
        [SettingNames.PageTokenSecretArn] = secret,
        [SettingNames.ScopingFile] = RepositoryRoot.Combine("config", "scoping.json"),
    };

    private async Task<string> SecretAsync(string value)
    {
        var settings = Settings("unused", "unused");
        var aws = AwsContext.FromSettings(name => settings.GetValueOrDefault(name));
        return await aws.SecretsManager(aws.DefaultCredentials).CreateSecretAsync(MotoServer.UniqueName("page-token"), value, CancellationToken.None);
    }

    [Fact]
    public async Task Init_WithTheKeyInSecretsManager_ShouldServeRequests()
    {
        var api = await CreateAsync(moto);
        var settings = Settings(api.Table, await SecretAsync(Convert.ToBase64String(new byte[48])));

        var (function, _) = TestFunctions.Create(Governance.Core.Routing.HandlerNames.LineageApi, name => settings.GetValueOrDefault(name));
        var answer = await function.HandleAsync(Event("GET", "/violations", RiskManager), TestFunctions.Context(Governance.Core.Routing.HandlerNames.LineageApi), CancellationToken.None);

        Assert.Contains("\"statusCode\":200", System.Text.Encoding.UTF8.GetString(answer.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "cannot be read (", "it must exist and the function's role must be allowed secretsmanager:GetSecretValue on it")]
    [InlineData("short", "holds 8 bytes", "needs at least 32")]
    [InlineData("text", "is not base64", "store the base64 of at least 32 random bytes")]
    public async Task Init_WhenTheSecretCannotServe_ShouldRefuseToStartSayingWhyAndWhatToDo(string kind, string problem, string fix)
    {
        var secret = kind switch
        {
            "missing" => MotoServer.UniqueName("absent"),
            "short" => await SecretAsync(Convert.ToBase64String(new byte[8])),
            _ => await SecretAsync("not base64 at all!"),
        };
        var settings = Settings("governance-ledger", secret);

        var error = Assert.Throws<SettingsException>(() => TestFunctions.Create(Governance.Core.Routing.HandlerNames.LineageApi, name => settings.GetValueOrDefault(name)));

        var message = Assert.Single(error.Problems);
        Assert.StartsWith($"{SettingNames.PageTokenSecretArn}: secret {secret} ", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Contains(fix, message, StringComparison.Ordinal);
    }
}
