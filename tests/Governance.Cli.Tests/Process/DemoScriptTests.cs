using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Cli.Tests.Process;

/// <summary><c>./demo --dry-run</c>: every step's command, plain text when not on a terminal, and nothing started or written.</summary>
public sealed class DemoScriptTests
{
    [Fact]
    public async Task DryRun_ShouldPrintEveryStepInPlainText_WithoutStartingAnEmulator()
    {
        var settings = RepositoryRoot.Combine(".local", "demo", "env");
        var existed = File.Exists(settings);

        var run = await ExternalCommand.RunAsync("bash", [RepositoryRoot.Combine("demo"), "--dry-run"], RepositoryRoot.Path, TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.DoesNotContain('\u001b', run.StandardOutput + run.StandardError);
        var commands = run.StandardOutput.Split('\n').Where(line => line.StartsWith("  $ governance ", StringComparison.Ordinal)).ToList();
        Assert.Equal("  $ governance local up", commands[0]);
        Assert.Equal("  $ governance --local ledger verify", commands[^1]);
        Assert.Contains("  $ governance --local alerts", commands);
        Assert.Equal(7, run.StandardOutput.Split('\n').Count(line => line.StartsWith("== ", StringComparison.Ordinal)));
        Assert.Equal(existed, File.Exists(settings));
    }
}
