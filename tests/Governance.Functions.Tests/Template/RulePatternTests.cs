using System.Text.Json;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Functions.Tests.Template;

/// <summary>
/// The template's rules, created on moto's EventBridge, with real sample events put on the bus: each rule
/// delivers exactly the events its function handles. Matching is moto's, not ours.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public class RulePatternTests(MotoServer moto)
{
    private const string NotForwarded = "not an EventBridge event";

    private static readonly Dictionary<string, string?> FunctionRuleByFolder = new()
    {
        ["sagemaker-pipeline-execution-status-change"] = "PipelineMonitorFunctionSageMakerPipelines",
        ["sagemaker-pipeline-step-status-change"] = "PipelineMonitorFunctionSageMakerPipelines",
        ["codepipeline-pipeline-execution-state-change"] = "PipelineMonitorFunctionCodePipelines",
        ["codepipeline-stage-execution-state-change"] = "PipelineMonitorFunctionCodePipelines",
        ["codepipeline-action-execution-state-change"] = "PipelineMonitorFunctionCodePipelines",
        ["config-rules-compliance-change"] = "ComplianceMonitorFunctionComplianceChange",
        ["config-configuration-item-change"] = null,
        ["sagemaker-endpoint-state-change"] = null,
        ["sagemaker-other-state-changes"] = null,
        ["sagemaker-training-job-state-change"] = null,
    };

    private static readonly string[] GovernedEventSources = ["sagemaker.amazonaws.com", "iam.amazonaws.com", "s3.amazonaws.com"];

    [SharedFact]
    public async Task Rules_ShouldDeliverEachSampleOnlyToTheFunctionThatHandlesIt()
    {
        var files = Directory.GetFiles(SharedFolder.Combine("events"), "*.json", SearchOption.AllDirectories).Order().ToList();

        var deliveries = await DeliverAsync(MotoServer.DefaultAccountId, files);

        Assert.Equal(files.Count, deliveries.Count);
        foreach (var file in files)
        {
            var delivered = deliveries[file];
            if (delivered is null)
            {
                continue; // raw CloudTrail records, CodeStar "processed" and SNS forms never reach a rule
            }

            Assert.True(Expected(file).SequenceEqual(delivered), $"{Path.GetRelativePath(SharedFolder.Path!, file)}: expected [{string.Join(", ", Expected(file))}], delivered to [{string.Join(", ", delivered)}]");
        }
    }

    [Fact]
    public async Task ApprovalRules_ShouldSplitTeamAndCentralApprovalsAndIgnorePendingOnes()
    {
        var approved = Fixture("model-package-approved.json");
        var pending = Fixture("model-package-pending.json");

        var asCentral = await DeliverAsync(MotoServer.DefaultAccountId, [approved, pending]);
        var asTeam = await DeliverAsync("210987654321", [approved, pending]);

        Assert.Equal(["DeploymentTriggerFunctionCentralApproval"], asCentral[approved]!);
        Assert.Empty(asCentral[pending]!);
        Assert.Equal(["RegistrySyncFunctionTeamApproval"], asTeam[approved]!);
        Assert.Empty(asTeam[pending]!);
    }

    [Fact]
    public async Task ApprovalRules_ShouldSyncOnlyApprovalTransitionsAndSendEveryCentralUpdateToTheDeploymentTrigger()
    {
        var transition = Fixture("model-package-approval-transition.json");
        var metadata = Fixture("model-package-metadata-updated.json");
        var lifecycle = Fixture("model-package-pending-lifecycle.json");

        var asCentral = await DeliverAsync(MotoServer.DefaultAccountId, [transition, metadata, lifecycle]);
        var asTeam = await DeliverAsync("210987654321", [transition, metadata, lifecycle]);

        Assert.Equal(["RegistrySyncFunctionTeamApproval"], asTeam[transition]!);
        Assert.Empty(asTeam[metadata]!);
        Assert.Empty(asTeam[lifecycle]!);
        Assert.Equal(["DeploymentTriggerFunctionCentralApproval"], asCentral[transition]!);
        Assert.Equal(["DeploymentTriggerFunctionCentralApproval"], asCentral[metadata]!);
        Assert.Equal(["DeploymentTriggerFunctionCentralApproval"], asCentral[lifecycle]!);
    }

    [SharedFact]
    public async Task ApprovalRules_ShouldSendACentralRejectionToTheDeploymentTriggerOnly()
    {
        var rejected = SharedFolder.Combine("events", "sagemaker-model-package-state-change", "docs-rejected-versionedmp.json");

        var asCentral = await DeliverAsync(MotoServer.DefaultAccountId, [rejected]);
        var asTeam = await DeliverAsync("210987654321", [rejected]);

        Assert.Equal(["DeploymentTriggerFunctionCentralApproval"], asCentral[rejected]!);
        Assert.Empty(asTeam[rejected]!);
    }

    [Fact]
    public async Task MachineryRules_ShouldDeliverChangesToPipelinesAndStacksAndTheirConfigurationItems()
    {
        var update = MonitorFixture("cloudtrail-update-pipeline-by-intern.json");
        var approval = MonitorFixture("cloudtrail-put-approval-result.json");
        var stack = MonitorFixture("cloudtrail-create-stack-tagged.json");
        var item = MonitorFixture("config-item-pipeline-update.json");

        var deliveries = await DeliverAsync(MotoServer.DefaultAccountId, [update, approval, stack, item]);

        Assert.Equal(["AuditTrailFunctionMachineryApiCalls"], deliveries[update]!);
        Assert.Equal(["AuditTrailFunctionMachineryApiCalls"], deliveries[approval]!);
        Assert.Equal(["AuditTrailFunctionMachineryApiCalls"], deliveries[stack]!);
        Assert.Equal(["ComplianceMonitorFunctionMachineryConfigurationChange"], deliveries[item]!);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", name);

    private static string MonitorFixture(string name) => RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", name);

    private static IEnumerable<string> Expected(string file)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
        if (folder.StartsWith("cloudtrail", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var source = document.RootElement.GetProperty("detail").GetProperty("eventSource").GetString();
            return GovernedEventSources.Contains(source) ? ["AuditTrailFunctionApiCalls"] : [];
        }

        if (folder == "sagemaker-model-package-state-change")
        {
            return ["DeploymentTriggerFunctionCentralApproval"]; // the sample is a Rejected package, replayed as central
        }

        return FunctionRuleByFolder[folder] is { } rule ? [rule] : [];
    }

    private async Task<Dictionary<string, string[]?>> DeliverAsync(string centralAccount, IReadOnlyList<string> files)
    {
        var template = await DeployedTemplate.CentralAsync();
        var templatePath = Path.Combine(Path.GetTempPath(), $"governance-template-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(templatePath, template.ToJsonString());
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "rule_deliveries.py");
            var result = await ExternalCommand.RunAsync("python3", [script, moto.Endpoint.ToString(), templatePath, centralAccount, .. files], timeout: TimeSpan.FromMinutes(3));
            Assert.True(result.ExitCode == 0, result.StandardError);
            using var report = JsonDocument.Parse(result.StandardOutput);
            return report.RootElement.EnumerateObject().ToDictionary(
                entry => entry.Name,
                entry => entry.Value.ValueKind == JsonValueKind.Array
                    ? entry.Value.EnumerateArray().Select(rule => rule.GetString()!).ToArray()
                    : (entry.Value.GetString() == NotForwarded ? null : throw new InvalidOperationException($"{entry.Name}: {entry.Value}")));
        }
        finally
        {
            File.Delete(templatePath);
        }
    }
}
