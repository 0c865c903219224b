using System.Text;
using Governance.Core.Presentation;

namespace Governance.Cli.Shell;

/// <summary>
/// Text output for people: a header row and columns padded to their widest cell; the last column is never padded.
/// Cells hold event data, so they are printed without control characters (<see cref="TerminalText"/>).
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public TextTable Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add(cells.Select(cell => string.IsNullOrEmpty(cell) ? "-" : TerminalText.Line(cell.ReplaceLineEndings(" "))!).ToArray());
        return this;
    }

    public override string ToString()
    {
        if (_rows.Count == 0)
        {
            return "(none)\n";
        }

        var widths = headers.Select((header, column) => _rows.Max(row => row.ElementAtOrDefault(column)?.Length ?? 0)).Zip(headers, (cells, header) => Math.Max(cells, header.Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            for (var column = 0; column < headers.Length; column++)
            {
                var cell = row.ElementAtOrDefault(column) ?? "-";
                text.Append(column == headers.Length - 1 ? cell : cell.PadRight(widths[column] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
