using Governance.Cli.Shell;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliShell.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
