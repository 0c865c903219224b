using System.Text;

namespace Governance.Cli.Shell;

/// <summary>
/// On a terminal, a command that has printed nothing after two seconds shows that it is still working (one
/// rewritten line on stderr, cleared as soon as the command prints or ends). Nothing at all when stderr is
/// redirected, so scripts and logs never see it.
/// </summary>
internal sealed class TerminalActivity : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private static readonly string[] Servers = ["api", "console"];

    private readonly TextWriter _stderr;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private bool _shown;
    private bool _stopped;

    private TerminalActivity(TextWriter stderr) => _stderr = stderr;

    public static TerminalActivity Start(TextWriter stderr, string command)
    {
        var activity = new TerminalActivity(stderr);
        var visible = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && !Servers.Contains(command);
        if (visible)
        {
            _ = activity.RunAsync(command);
        }
        else
        {
            activity._stopped = true;
        }

        return activity;
    }

    /// <summary>The command's standard output; its first write stops the notice.</summary>
    public TextWriter Watch(TextWriter stdout) => _stopped ? stdout : new FirstWrite(stdout, Dispose);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _stop.Cancel();
            if (_shown)
            {
                _stderr.Write("\r\u001b[K");
                _stderr.Flush();
            }
        }
    }

    private async Task RunAsync(string command)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await Task.Delay(Delay, _stop.Token);
            while (!_stop.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    _shown = true;
                    _stderr.Write($"\rgovernance {command}: working… {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s (Ctrl+C stops)");
                    _stderr.Flush();
                }

                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A writer that calls back once, before the first thing written passes through.</summary>
    private sealed class FirstWrite(TextWriter inner, Action first) : TextWriter
    {
        private bool _written;

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            Before();
            inner.Write(value);
        }

        public override void Write(string? value)
        {
            Before();
            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Before();
            inner.Write(buffer, index, count);
        }

        public override Task WriteAsync(string? value)
        {
            Before();
            return inner.WriteAsync(value);
        }

        public override Task WriteLineAsync(string? value)
        {
            Before();
            return inner.WriteLineAsync(value);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync() => inner.FlushAsync();

        private void Before()
        {
            if (!_written)
            {
                _written = true;
                first();
            }
        }
    }
}
