namespace Governance.Hosting.Tests.Support;

/// <summary>A clock that reads a set instant (timers still run on real time).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
