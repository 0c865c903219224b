using Governance.Hosting;

namespace Governance.Benchmarks.Handlers;

/// <summary>The log and metric sink of the benchmarks: lines are formatted by the real logger, counted, and dropped.</summary>
public sealed class NullLineWriter : ILineWriter
{
    public long Lines { get; private set; }

    public long Bytes { get; private set; }

    public void WriteLine(ReadOnlySpan<byte> utf8Json)
    {
        Lines++;
        Bytes += utf8Json.Length + 1;
    }
}
