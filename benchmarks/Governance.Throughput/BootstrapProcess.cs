using System.Diagnostics;
using System.Globalization;

namespace Governance.Throughput;

/// <summary>
/// One started <c>bootstrap</c>: its stdout (log and metric lines) is drained and counted, its memory read from
/// <c>/proc/&lt;pid&gt;/status</c> (VmHWM: peak resident set; VmRSS: resident now).
/// </summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private long _lines;
    private long _errorLines;

    private BootstrapProcess(Process process)
    {
        _process = process;
        _stdout = DrainAsync(process.StandardOutput);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public long LogLines => Interlocked.Read(ref _lines);

    /// <summary>Log lines at level ERROR or CRITICAL.</summary>
    public long ErrorLogLines => Interlocked.Read(ref _errorLines);

    public bool HasExited => _process.HasExited;

    public static BootstrapProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new BootstrapProcess(Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start"));
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in MiB (VmHWM, VmRSS), or null once the process is gone.</summary>
    public double? MemoryMiB(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // The process exited between the check and the read.
        }

        return null;
    }

    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    public async Task<string> ExitReportAsync() =>
        $"bootstrap exited with {_process.ExitCode}: {await _stderr}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        await _stdout;
        _process.Dispose();
    }

    private async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            Interlocked.Increment(ref _lines);
            if (line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) || line.Contains("\"level\":\"CRITICAL\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _errorLines);
            }
        }
    }
}
