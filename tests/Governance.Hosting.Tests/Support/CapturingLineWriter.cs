using System.Text;
using System.Text.Json;

namespace Governance.Hosting.Tests.Support;

/// <summary>Keeps every line written, for assertions on log and metric output.</summary>
public sealed class CapturingLineWriter : ILineWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) { return [.. _lines]; } }
    }

    public void WriteLine(ReadOnlySpan<byte> utf8Json)
    {
        var line = Encoding.UTF8.GetString(utf8Json);
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    /// <summary>Every line parsed; fails the test if any line is not one JSON object.</summary>
    public IReadOnlyList<JsonElement> Documents() =>
        [.. Lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        })];

    public IReadOnlyList<JsonElement> LogLines() =>
        [.. Documents().Where(document => document.TryGetProperty("level", out _))];

    public IReadOnlyList<JsonElement> MetricLines() =>
        [.. Documents().Where(document => document.TryGetProperty("_aws", out _))];
}
