using System.Diagnostics;
using Governance.Local.Lambda;
using Governance.Testing;
using Xunit.Abstractions;

namespace Governance.Cli.Tests.Process;

/// <summary><c>./demo</c>: the whole lifecycle on its own emulator, and <c>--dry-run</c> printing every step without starting anything.</summary>
public sealed class DemoScriptTests(ITestOutputHelper output)
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
        Assert.Contains("  $ governance local deploy", commands);
        Assert.Contains(commands, command => command.StartsWith("  $ governance local config-rule ", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.StartsWith("  $ governance local update-endpoint ", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.StartsWith("  $ governance --local api --port ", StringComparison.Ordinal));
        Assert.Contains("  $ governance --local alerts", commands);
        Assert.Contains(run.StandardOutput.Split('\n'), line => line.StartsWith("  $ curl --aws-sigv4 ", StringComparison.Ordinal));
        Assert.Equal(11, run.StandardOutput.Split('\n').Count(line => line.StartsWith("== ", StringComparison.Ordinal)));
        Assert.Equal(existed, File.Exists(settings));
    }

    /// <summary>Every handler's work appears, the signed API call is answered and the ledger verifies; the duration is reported, not asserted (the machine may be loaded).</summary>
    [Fact]
    [Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
    public async Task Run_ShouldTakeTheModelThroughEveryHandler_AndEndWithAVerifiedLedger()
    {
        var build = await ExternalCommand.RunAsync(RepositoryRoot.Combine("governance"), ["--version"], RepositoryRoot.Path, TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.StandardError);
        var clock = Stopwatch.StartNew();

        var run = await ExternalCommand.RunAsync("bash", [RepositoryRoot.Combine("demo")], RepositoryRoot.Path, TimeSpan.FromMinutes(8));

        output.WriteLine($"./demo took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        var text = run.StandardOutput;
        Assert.DoesNotContain('\u001b', text);
        Assert.Matches(@"processed RegistrySync .*central package arn:aws:sagemaker:us-east-1:123456789012:model-package/credit-risk/1 awaits approval", text);
        Assert.Matches(@"processed RegistrySync .*blocked by policy", text);
        Assert.Matches(@"processed DeploymentTrigger .*deployment of credit-risk v1 started", text);
        foreach (var call in new[] { "CreateModel", "CreateEndpointConfig", "CreateEndpoint" })
        {
            Assert.Matches($@"processed AuditTrail .*-{call}\.json .*{call} by arn:aws:sts::111111111111:assumed-role/DeploymentPipeline/.*; no alert", text);
        }

        Assert.Matches(@"processed PipelineMonitor .*status Succeeded", text);
        Assert.Matches(@"processed ComplianceMonitor .*NonCompliant; violation open", text);
        Assert.Matches(@"processed AuditTrail .*UpdateEndpoint by arn:aws:sts::111111111111:assumed-role/DataScientist/jane.doe; alerts: EndpointOutsideDeploymentRoles", text);
        Assert.Contains("does not specify a KmsKeyId", text);
        Assert.Contains("endpoint         arn:aws:sagemaker:us-east-1:111111111111:endpoint/credit-risk  runs it since", text);
        Assert.Contains("\"group\":\"credit-risk\",\"version\":1", text);
        Assert.Contains("ledger intact:", text);
        Assert.False(File.Exists(RepositoryRoot.Combine(".local", "demo", "env")), "the demo's emulator was left running");
    }
}
