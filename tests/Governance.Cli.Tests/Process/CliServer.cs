using System.Diagnostics;

namespace Governance.Cli.Tests.Process;

/// <summary>A long-running <c>governance api</c> or <c>governance console</c> process, stopped when disposed.</summary>
internal sealed class CliServer : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly Task<string> _errors;

    private CliServer(System.Diagnostics.Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    public string Errors => _errors.IsCompleted ? _errors.Result : "(still running)";

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the command and waits until it prints the line announcing its loopback address.</summary>
    public static async Task<CliServer> StartAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout)
    {
        var process = System.Diagnostics.Process.Start(CliProcess.StartInfo(args, environment, workingDirectory)) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new CliServer(process);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellation.Token) is { } line)
            {
                if (line.Contains("http://127.0.0.1:", StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return server;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"governance {string.Join(' ', args)} did not start serving: {await server._errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
