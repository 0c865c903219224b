using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Governance.Local;

/// <summary>
/// moto_server, the AWS emulator, on a loopback port: started by this process (and stopped with it), attached to
/// when already running, or started detached for <c>governance local up</c>, whose server outlives the command.
/// </summary>
public sealed class Emulator : IAsyncDisposable
{
    /// <summary>How long a server may take to answer its first request.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? _process;

    private Emulator(Uri endpoint, Process? process)
    {
        Endpoint = endpoint;
        _process = process;
    }

    public Uri Endpoint { get; }

    /// <summary>A server of this process's own on a free port, stopped on dispose.</summary>
    /// <param name="environment">Extra environment for moto (e.g. <c>INITIAL_NO_AUTH_ACTION_COUNT</c> to enforce IAM).</param>
    /// <exception cref="InvalidOperationException">moto_server is not installed, or exited before answering.</exception>
    public static async Task<Emulator> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(NotInstalled, e);
        }

        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new Emulator(new Uri($"http://127.0.0.1:{port}"), process);
        try
        {
            await WaitUntilReadyAsync(emulator.Endpoint, StartTimeout, () => process.HasExited ? "moto_server exited" : null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return emulator;
    }

    /// <summary>A server already running (never stopped by this process), once it answers.</summary>
    public static async Task<Emulator> AttachAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        await WaitUntilReadyAsync(endpoint, StartTimeout, null, cancellationToken).ConfigureAwait(false);
        return new Emulator(endpoint, null);
    }

    /// <summary>A server on a free port that outlives this process, writing to <paramref name="logFile"/>; stop it with <see cref="Stop"/>.</summary>
    /// <exception cref="InvalidOperationException">moto_server is not installed, or exited before answering (its log is in the message).</exception>
    public static async Task<(Uri Endpoint, int Pid)> StartDetachedAsync(string logFile, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"moto_server -H 127.0.0.1 -p {port} >\"$1\" 2>&1 </dev/null & echo $!");
        start.ArgumentList.Add("moto");
        start.ArgumentList.Add(logFile);
        using var shell = Process.Start(start) ?? throw new InvalidOperationException("could not start a shell to run moto_server");
        var pidText = await shell.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        await shell.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (!int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid))
        {
            throw new InvalidOperationException(NotInstalled);
        }

        var endpoint = new Uri($"http://127.0.0.1:{port}");
        await WaitUntilReadyAsync(endpoint, StartTimeout, () => IsRunning(pid) ? null : ExitedWith(logFile), cancellationToken).ConfigureAwait(false);
        return (endpoint, pid);
    }

    /// <summary>Stops a detached server; false when it was already gone.</summary>
    public static bool Stop(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Waits until the server answers any HTTP request.</summary>
    /// <param name="exited">Why the server can no longer answer (it exited), or null while it may.</param>
    /// <exception cref="InvalidOperationException">The server exited first.</exception>
    /// <exception cref="TimeoutException">It did not answer in time.</exception>
    public static async Task WaitUntilReadyAsync(Uri endpoint, TimeSpan timeout, Func<string?>? exited, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Exception? last = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                // Any answer means the server is up (moto's /moto-api/data.json would dump its whole state).
                using var response = await http.GetAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            if (exited?.Invoke() is { } reason)
            {
                throw new InvalidOperationException($"the emulator at {endpoint} stopped before answering: {reason}", last);
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the emulator at {endpoint} did not answer within {timeout.TotalSeconds:0} s", last);
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private const string NotInstalled = "moto_server is not on PATH: run ./test (it installs moto[server]) or `pip install \"moto[server]\"`";

    private static string ExitedWith(string logFile) =>
        "moto_server exited" + (File.Exists(logFile) ? ": " + File.ReadAllText(logFile).Trim() : string.Empty);

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
