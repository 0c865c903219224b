using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Governance.Cli.Shell;

/// <summary>
/// Kestrel on 127.0.0.1 for <c>governance api</c> and <c>governance console</c>: any request reaches the handler
/// (a POST without a body included), only requests addressed to the loopback host are served (a page of another
/// site cannot reach it through DNS rebinding), and a handler that throws answers 500 instead of stopping the server.
/// </summary>
public static class LoopbackServer
{
    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled; throws <see cref="IOException"/> when the port is taken.</summary>
    public static async Task RunAsync(
        int port, Func<HttpContext, CancellationToken, Task> handle, Func<HttpContext, Exception, Task> failed, Func<Task> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(started);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        await using var app = builder.Build();
        app.Run(async context =>
        {
            if (!IsLoopbackHost(context.Request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsync("this server answers only http://127.0.0.1 and http://localhost\n", cancellationToken);
                return;
            }

            try
            {
                await handle(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.Clear();
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await failed(context, e);
                }
            }
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot listen on 127.0.0.1:{port} ({e.Message}); choose another --port", e);
        }

        await started();

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }

    private static bool IsLoopbackHost(string host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1";
}
