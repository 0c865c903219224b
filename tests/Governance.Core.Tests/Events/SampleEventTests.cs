using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Events;

/// <summary>Every sample under ../shared/events, one case per file, read in place.</summary>
public class SampleEventTests
{
    // The docs model package sample lives in 123456789012 (status Rejected): configuring it as the central
    // account exercises the DeploymentTrigger route; team-account routing is covered by EventRouterTests.
    private const string CentralAccount = "123456789012";

    private static readonly Dictionary<string, string?> HandlerByFolder = new(StringComparer.Ordinal)
    {
        ["sagemaker-model-package-state-change"] = HandlerNames.DeploymentTrigger,
        ["sagemaker-pipeline-execution-status-change"] = HandlerNames.PipelineMonitor,
        ["sagemaker-pipeline-step-status-change"] = HandlerNames.PipelineMonitor,
        ["codepipeline-pipeline-execution-state-change"] = HandlerNames.PipelineMonitor,
        ["codepipeline-stage-execution-state-change"] = HandlerNames.PipelineMonitor,
        ["codepipeline-action-execution-state-change"] = HandlerNames.PipelineMonitor,
        ["config-rules-compliance-change"] = HandlerNames.ComplianceMonitor,
        ["cloudtrail-sagemaker"] = HandlerNames.AuditTrail,
        ["cloudtrail-other"] = null,
        ["config-configuration-item-change"] = null,
        ["sagemaker-endpoint-state-change"] = null,
        ["sagemaker-training-job-state-change"] = null,
        ["sagemaker-other-state-changes"] = null,
    };

    // Files whose expectation differs from their folder's: S3 calls are audited.
    private static readonly Dictionary<string, string?> HandlerByFile = new(StringComparer.Ordinal)
    {
        ["cloudtrail-other/c7n-event-cloud-trail-create-bucket.json"] = HandlerNames.AuditTrail,
        ["cloudtrail-other/c7n-event-cloud-trail-s3.json"] = HandlerNames.AuditTrail,
    };

    public static TheoryData<string> ValidSamples() => Samples("*.json");

    public static TheoryData<string> InvalidSamples() => Samples("*.json.invalid");

    [SharedTheory]
    [MemberData(nameof(ValidSamples))]
    public void ValidSample_ShouldParseAndRouteToItsFolderHandler(string relativePath)
    {
        var result = EventParser.Parse(File.ReadAllBytes(SharedFolder.Combine("events", relativePath)));

        var parsed = Assert.IsType<ParsedEvent>(result);
        var folder = relativePath.Split('/')[0];
        Assert.True(HandlerByFolder.ContainsKey(folder), $"no expectation written for sample folder {folder}");
        var expected = HandlerByFile.TryGetValue(relativePath, out var byFile) ? byFile : HandlerByFolder[folder];
        var decision = new EventRouter(CentralAccount).Route(parsed);
        Assert.Equal(expected, decision.Handler);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Undefined, parsed.Envelope.Detail.ValueKind);
    }

    [SharedTheory]
    [MemberData(nameof(InvalidSamples))]
    public void InvalidSample_ShouldBeRejectedWithAReason(string relativePath)
    {
        var result = EventParser.Parse(File.ReadAllBytes(SharedFolder.Combine("events", relativePath)));

        var rejected = Assert.IsType<RejectedEvent>(result);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
    }

    private static TheoryData<string> Samples(string pattern)
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is null)
        {
            // The theory is skipped; one placeholder row keeps xunit from reporting an empty theory.
            data.Add("(shared folder absent)");
            return data;
        }

        var root = SharedFolder.Combine("events");
        foreach (var file in Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (pattern == "*.json" && !file.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }
}
