using System.Diagnostics;
using Governance.Local.Lambda;

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

    /// <summary>VmHWM in MiB, or null once the process is gone.</summary>
    public double? PeakResidentMiB() => ProcessMemory.PeakResidentBytes(_process.Id) / 1048576.0;

    /// <summary>VmRSS in MiB, or null once the process is gone.</summary>
    public double? ResidentMiB() => ProcessMemory.ResidentBytes(_process.Id) / 1048576.0;

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
