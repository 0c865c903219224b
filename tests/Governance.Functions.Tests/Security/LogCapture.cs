using System.Text;
using Governance.Hosting;

namespace Governance.Functions.Tests.Security;

/// <summary>Keeps every line a function writes, as written.</summary>
internal sealed class LogCapture : ILineWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public void WriteLine(ReadOnlySpan<byte> utf8Json)
    {
        var line = Encoding.UTF8.GetString(utf8Json);
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
