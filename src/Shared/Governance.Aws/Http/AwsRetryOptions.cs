namespace Governance.Aws.Http;

/// <summary>
/// Bounds of the retry policy. The overall bound is the caller's CancellationToken (the invocation's
/// remaining time); these bound the attempts within it.
/// </summary>
public sealed record AwsRetryOptions
{
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff ceiling; doubles per attempt up to <see cref="MaxDelay"/>, then full jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throttling backs off from a higher floor than 5xx and connection errors.</summary>
    public TimeSpan ThrottlingBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One attempt that takes longer is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public static AwsRetryOptions Default { get; } = new();

    /// <summary>The ceiling of the wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Ceiling(int attempt, bool throttled)
    {
        var baseDelay = throttled ? ThrottlingBaseDelay : BaseDelay;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * factor));
    }
}
