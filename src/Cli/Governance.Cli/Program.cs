using System.Runtime.InteropServices;
using Governance.Cli.Shell;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// SIGTERM (kill, a script's cleanup) stops a command the way Ctrl-C does; the servers (api, console) otherwise ignore it.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancellation.Cancel();
});

return await CliShell.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
