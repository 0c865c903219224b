using System.Diagnostics;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;
using Governance.Core.Tests.Support;
using Xunit.Abstractions;

namespace Governance.Core.Tests.Events;

/// <summary>
/// The parser runs once per Lambda invocation: a typical event must parse and route in well under a millisecond
/// and allocate under 100 KB. Time is the fastest of many short batches, which stays close to the real cost on a
/// machine busy with other work (wall time of one long loop does not); the measured figures are printed.
/// </summary>
public class EventParserPerformanceTests(ITestOutputHelper output)
{
    private const int Batches = 60;
    private const int BatchSize = 50;

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
        var fastestBatch = TimeSpan.MaxValue;
        for (var batch = 0; batch < Batches; batch++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < BatchSize; i++)
            {
                router.Route((ParsedEvent)EventParser.Parse(bytes));
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            fastestBatch = elapsed < fastestBatch ? elapsed : fastestBatch;
        }

        var bytesPerEvent = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (Batches * BatchSize);
        var microsecondsPerEvent = fastestBatch.TotalMicroseconds / BatchSize;
        output.WriteLine($"{fixture}: {bytes.Length} bytes in, {microsecondsPerEvent:F1} µs and {bytesPerEvent} bytes allocated per event");

        Assert.True(microsecondsPerEvent < 1_000, $"{microsecondsPerEvent:F1} µs per event");
        Assert.True(bytesPerEvent < 100 * 1024, $"{bytesPerEvent} bytes per event");
    }
}
