using System.Text;
using System.Text.Json;
using Governance.Hosting;

namespace Governance.Functions.Tests.Support;

/// <summary>Keeps the log and metric lines a function writes.</summary>
public sealed class LineCapture : ILineWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<JsonElement> Documents()
    {
        lock (_gate)
        {
            return [.. _lines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
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
