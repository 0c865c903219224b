using System.Text;
using Governance.Hosting;

namespace Governance.Cli.Commands.Replay;

/// <summary>Sends the functions' JSON log lines to a text writer (standard error in the CLI), or nowhere.</summary>
public sealed class TextWriterLineWriter(TextWriter? target) : ILineWriter
{
    public void WriteLine(ReadOnlySpan<byte> utf8Json)
    {
        if (target is null)
        {
            return;
        }

        lock (target)
        {
            target.WriteLine(Encoding.UTF8.GetString(utf8Json));
        }
    }
}
