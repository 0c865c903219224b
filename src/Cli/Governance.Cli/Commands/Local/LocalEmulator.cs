using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Governance.Cli.Commands.Local;

/// <summary>Starts and stops the moto_server that <c>governance local up</c> runs in the background.</summary>
public static class LocalEmulator
{
    /// <summary>Starts moto_server on a free loopback port, detached so it outlives this command.</summary>
    public static async Task<(Uri Endpoint, int Pid)> StartAsync(string logFile, CancellationToken cancellationToken)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

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
        var pidText = await shell.StandardOutput.ReadLineAsync(cancellationToken);
        await shell.WaitForExitAsync(cancellationToken);
        if (!int.TryParse(pidText, out var pid))
        {
            throw new InvalidOperationException("moto_server did not start: is it installed? (pip install \"moto[server]\")");
        }

        var endpoint = new Uri($"http://127.0.0.1:{port}");
        await WaitUntilReadyAsync(endpoint, pid, logFile, cancellationToken);
        return (endpoint, pid);
    }

    public static bool Stop(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // already gone
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task WaitUntilReadyAsync(Uri endpoint, int? pid, string? logFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(endpoint, cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (pid is { } id && !IsRunning(id))
            {
                var log = logFile is not null && File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, cancellationToken) : "";
                throw new InvalidOperationException($"moto_server exited before answering: {log.Trim()}");
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"the emulator at {endpoint} did not answer within 30 s");
    }

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
