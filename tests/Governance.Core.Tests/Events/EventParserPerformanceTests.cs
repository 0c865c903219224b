using System.Diagnostics;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;
using Governance.Core.Tests.Support;
using Xunit.Abstractions;

namespace Governance.Core.Tests.Events;

/// <summary>
/// The parser runs once per Lambda invocation: a typical event must parse and route in well under a millisecond
/// and allocate under 100 KB. Bounds are generous for a shared CI machine; the measured figures are printed.
/// </summary>
public class EventParserPerformanceTests(ITestOutputHelper output)
{
    private const int Iterations = 2_000;

    [Theory]
    [InlineData("model-package-approved-team.json")]
    [InlineData("cloudtrail-eventbridge-update-model-package.json")]
    [InlineData("codepipeline-action-processed-failed.json")]
    [InlineData("config-compliance-sns-string-message.json")]
    public void ParseAndRoute_TypicalEvent_ShouldTakeUnderAMillisecondAndAllocateUnder100KB(string fixture)
    {
        var bytes = EventFixtures.Bytes(fixture);
        var router = new EventRouter("999988887777");
        for (var i = 0; i < 200; i++)
        {
            router.Route((ParsedEvent)EventParser.Parse(bytes));
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            router.Route((ParsedEvent)EventParser.Parse(bytes));
        }

        stopwatch.Stop();
        var bytesPerEvent = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Iterations;
        var microsecondsPerEvent = stopwatch.Elapsed.TotalMicroseconds / Iterations;
        output.WriteLine($"{fixture}: {bytes.Length} bytes in, {microsecondsPerEvent:F1} µs and {bytesPerEvent} bytes allocated per event");

        Assert.True(microsecondsPerEvent < 1_000, $"{microsecondsPerEvent:F1} µs per event");
        Assert.True(bytesPerEvent < 100 * 1024, $"{bytesPerEvent} bytes per event");
    }
}
