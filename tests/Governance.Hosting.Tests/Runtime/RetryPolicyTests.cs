using FsCheck;
using FsCheck.Fluent;
using Governance.Hosting.Runtime;

namespace Governance.Hosting.Tests.Runtime;

public sealed class RetryPolicyTests
{
    [Fact]
    public void DelayBefore_ShouldStayWithinHalfAndAllOfTheCappedExponentialStep() =>
        Prop.ForAll(
                Arb.From(Gen.Choose(1, 60)),
                retry =>
                {
                    var policy = new RetryPolicy(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
                    var step = Math.Min(50 * Math.Pow(2, retry - 1), 2000);
                    var delay = policy.DelayBefore(retry).TotalMilliseconds;
                    return delay >= (step / 2) - 0.001 && delay <= step + 0.001;
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void DelayBefore_ShouldBeJittered()
    {
        var delays = Enumerable.Range(0, 20).Select(_ => RetryPolicy.Default.DelayBefore(3)).Distinct().Count();

        Assert.True(delays > 1, "twenty delays were all equal");
    }
}
