using System.Net;
using System.Net.Sockets;
using Governance.Testing;

namespace Governance.Cli.Tests.Process;

/// <summary>
/// A command still silent after two seconds says it is working on a terminal (run here under a pseudo-terminal with
/// <c>script</c>), and never when its output is piped. The endpoint accepts connections and never answers, so the
/// command waits; <c>timeout</c> ends it after a few seconds.
/// </summary>
public sealed class TerminalProgressTests : IDisposable
{
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public TerminalProgressTests() => _silent.Start();

    [Fact]
    public async Task SlowCommand_OnATerminal_ShouldSayItIsWorking()
    {
        var run = await ExternalCommand.RunAsync("timeout", ["8", "script", "-qec", Command(), "/dev/null"], timeout: TimeSpan.FromMinutes(1));

        Assert.Contains("governance violations: working…", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowCommand_WhenPiped_ShouldNotShowProgress()
    {
        var run = await ExternalCommand.RunAsync("timeout", ["8", "sh", "-c", Command()], timeout: TimeSpan.FromMinutes(1));

        Assert.Equal(124, run.ExitCode);
        Assert.DoesNotContain("working", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _silent.Dispose();

    private string Command() =>
        $"AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing NO_COLOR=1 dotnet '{CliProcess.Program}' violations"
        + $" --endpoint http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port} --table governance-ledger --central-account 123456789012 --region us-east-1";
}
