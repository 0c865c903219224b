using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Governance.Testing;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests;

/// <summary>
/// The real bootstrap, as Lambda starts it, against a loopback Runtime API: it serves events, fails
/// unusable ones in Lambda's error format and carries on, and reports configuration errors at INIT.
/// </summary>
public sealed class BootstrapProcessTests : IAsyncLifetime
{
    private LoopbackRuntimeApi _api = null!;

    public async Task InitializeAsync() => _api = await LoopbackRuntimeApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Bootstrap_ShouldAnswerEventsFailRejectsAndKeepServing()
    {
        using var bootstrap = Start("AuditTrail", centralAccount: "123456789012");
        try
        {
            _api.Enqueue(LoopbackRuntimeApi.Invocation("bad", "not json at all"u8.ToArray(), TimeSpan.FromSeconds(30)));
            _api.Enqueue(LoopbackRuntimeApi.Invocation("good", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "model-package-approved.json")), TimeSpan.FromSeconds(30)));

            var rejected = await _api.ResultAsync("bad", TimeSpan.FromSeconds(60));
            var served = await _api.ResultAsync("good", TimeSpan.FromSeconds(60));

            Assert.Equal(ResultKind.Error, rejected.Kind);
            using var error = JsonDocument.Parse(rejected.Body);
            Assert.Equal("EventRejectedException", error.RootElement.GetProperty("errorType").GetString());
            Assert.Contains("not valid JSON", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
            Assert.Equal(ResultKind.Response, served.Kind);
            using var result = JsonDocument.Parse(served.Body);
            Assert.Equal("ignored", result.RootElement.GetProperty("outcome").GetString());
            Assert.False(bootstrap.HasExited);
        }
        finally
        {
            Stop(bootstrap);
        }
    }

    [Theory]
    [InlineData("RegistrySink", "123456789012", "RegistrySink")]
    [InlineData("AuditTrail", null, "GOVERNANCE_CENTRAL_ACCOUNT")]
    public async Task Bootstrap_WhenConfigurationIsWrong_ShouldReportAnInitErrorAndExit(string handler, string? centralAccount, string expected)
    {
        using var bootstrap = Start(handler, centralAccount);
        try
        {
            var initError = await _api.InitErrorAsync(TimeSpan.FromSeconds(60));

            Assert.Contains(expected, Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);
            Assert.True(bootstrap.WaitForExit(TimeSpan.FromSeconds(30)), "bootstrap kept running after an init error");
            Assert.NotEqual(0, bootstrap.ExitCode);
        }
        finally
        {
            Stop(bootstrap);
        }
    }

    private Process Start(string handler, string? centralAccount)
    {
        var start = new ProcessStartInfo(BootstrapBinary.Resolve(RepositoryRoot.Path))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = _api.HostAndPort;
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = handler;
        start.Environment.Remove("GOVERNANCE_CENTRAL_ACCOUNT");
        // Configuration a monitor needs at INIT; these tests' events never reach AWS.
        start.Environment["GOVERNANCE_TABLE"] = "governance-ledger";
        start.Environment["GOVERNANCE_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:governance-notifications";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        if (centralAccount is not null)
        {
            start.Environment["GOVERNANCE_CENTRAL_ACCOUNT"] = centralAccount;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("bootstrap did not start");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
