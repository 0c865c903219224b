namespace Governance.Hosting.Runtime;

/// <summary>
/// Bounded exponential backoff with jitter for Runtime API calls: attempt n waits between half and all
/// of min(MaxDelay, BaseDelay * 2^n) before it runs.
/// </summary>
/// <param name="MaxAttempts">Attempts in total, the first included.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(ceiling, MaxDelay.TotalMilliseconds);
        var half = capped / 2;
        return TimeSpan.FromMilliseconds(half + (Random.Shared.NextDouble() * half));
    }
}
