using FsCheck;
using FsCheck.Fluent;
using Governance.Hosting.Runtime;

namespace Governance.Hosting.Tests.Runtime;

public sealed class DeadlineBudgetTests
{
    [Theory]
    [InlineData(60_000, 500, 59_500)]
    [InlineData(3_000, 500, 2_500)]
    [InlineData(1_000, 500, 750)]
    [InlineData(100, 500, 75)]
    [InlineData(0, 500, 0)]
    [InlineData(-20, 500, 0)]
    [InlineData(10_000, 0, 10_000)]
    public void CancelAfter_ShouldKeepTheMarginButNeverMoreThanAQuarterOfWhatIsLeft(int remainingMs, int marginMs, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            DeadlineBudget.CancelAfter(TimeSpan.FromMilliseconds(remainingMs), TimeSpan.FromMilliseconds(marginMs)));

    [Fact]
    public void CancelAfter_ShouldAlwaysFireBeforeTheDeadlineAndNoEarlierThanTheMarginAsks() =>
        Prop.ForAll(
                Arb.From(Gen.Choose(1, 900_000)),
                Arb.From(Gen.Choose(0, 5_000)),
                (remainingMs, marginMs) =>
                {
                    var remaining = TimeSpan.FromMilliseconds(remainingMs);
                    var budget = DeadlineBudget.CancelAfter(remaining, TimeSpan.FromMilliseconds(marginMs));
                    return budget <= remaining
                        && budget >= remaining - TimeSpan.FromMilliseconds(marginMs)
                        && budget >= remaining * 0.75;
                })
            .QuickCheckThrowOnFailure();
}
