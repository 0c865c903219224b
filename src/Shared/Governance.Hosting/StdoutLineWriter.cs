namespace Governance.Hosting;

/// <summary>
/// Writes each line to the process's stdout in one write, so lines from concurrent writers never
/// interleave inside a line. The stream lives as long as the process.
/// </summary>
public sealed class StdoutLineWriter : ILineWriter
{
    private readonly Lock _gate = new();
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private byte[] _buffer = new byte[4096];

    public void WriteLine(ReadOnlySpan<byte> utf8Json)
    {
        lock (_gate)
        {
            var length = utf8Json.Length + 1;
            if (_buffer.Length < length)
            {
                _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
            }

            utf8Json.CopyTo(_buffer);
            _buffer[utf8Json.Length] = (byte)'\n';
            _stdout.Write(_buffer, 0, length);
            _stdout.Flush();
        }
    }
}
