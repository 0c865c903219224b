using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Monitors;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Monitors;

/// <summary>Every sample under ../shared/events through each monitor: handled by its own, ignored with a reason by the others.</summary>
public class SampleMonitorTests
{
    public static TheoryData<string> ValidSamples() => Samples(valid: true);

    public static TheoryData<string> InvalidSamples() => Samples(valid: false);

    [SharedTheory]
    [MemberData(nameof(ValidSamples))]
    public async Task ValidSample_ShouldBeHandledByItsMonitorAndIgnoredWithAReasonByTheOthers(string relativePath)
    {
        var harness = new MonitorHarness();
        var parsed = MonitorHarness.Shared(relativePath);
        var route = new EventRouter(MonitorHarness.CentralAccount).Route(parsed);

        foreach (IDomainHandler monitor in new IDomainHandler[] { harness.Pipeline, harness.Compliance, harness.Audit })
        {
            var outcome = await harness.HandleAsync(monitor, parsed, CancellationToken.None);

            Assert.False(string.IsNullOrWhiteSpace(outcome.Result.Reason), monitor.HandlerName + " gave no reason");
            Assert.Equal(monitor.HandlerName, outcome.Result.Handler);
            if (route.Handler == monitor.HandlerName && monitor is not AuditTrail)
            {
                Assert.Equal(ProcessingOutcome.Processed, outcome.Result.Outcome);
            }
            else if (route.Handler == monitor.HandlerName)
            {
                Assert.Contains(outcome.Result.Outcome, new[] { ProcessingOutcome.Processed, ProcessingOutcome.Ignored });
            }
            else
            {
                Assert.Equal(ProcessingOutcome.Ignored, outcome.Result.Outcome);
                Assert.Empty(outcome.Notifications);
            }
        }
    }

    [SharedTheory]
    [MemberData(nameof(InvalidSamples))]
    public void InvalidSample_ShouldBeRejectedBeforeAnyMonitorSeesIt(string relativePath)
    {
        var result = EventParser.Parse(File.ReadAllBytes(SharedFolder.Combine("events", relativePath)));

        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<RejectedEvent>(result).Reason));
    }

    [SharedFact]
    public async Task AuditedSamples_ShouldRecordTheCreateModelDocsCallAndIgnoreCallsOnNothingGoverned()
    {
        var harness = new MonitorHarness();

        var createModel = await harness.HandleAsync(harness.Audit, MonitorHarness.Shared("cloudtrail-sagemaker/docs-ct-record-CreateModel.json"), CancellationToken.None);
        var labeling = await harness.HandleAsync(harness.Audit, MonitorHarness.Shared("cloudtrail-sagemaker/mlspace-eb-CreateLabelingJob-trimmed.json"), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Processed, createModel.Result.Outcome);
        Assert.Equal(ProcessingOutcome.Ignored, labeling.Result.Outcome);
        Assert.Contains("no governed resource", labeling.Result.Reason, StringComparison.Ordinal);
    }

    private static TheoryData<string> Samples(bool valid)
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is null)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        var root = SharedFolder.Combine("events");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var isValid = file.EndsWith(".json", StringComparison.Ordinal);
            var isInvalid = file.EndsWith(".json.invalid", StringComparison.Ordinal);
            if ((valid && isValid) || (!valid && isInvalid))
            {
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return data;
    }
}
