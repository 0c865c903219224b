using Governance.Cli.Commands.Alerts;
using Governance.Cli.Commands.WebConsole;
using Governance.Cli.Commands.Dlq;
using Governance.Cli.Commands.Ledger;
using Governance.Cli.Commands.Lineage;
using Governance.Cli.Commands.Local;
using Governance.Cli.Commands.Replay;

namespace Governance.Cli;

/// <summary>The <c>governance</c> command table: dispatches to a command and answers --help at every level.</summary>
public static class CommandLine
{
    public const string Help = """
        Usage: governance [--local] <command> [options]

        The ML governance service's command-line tool.

        Commands:
          replay PATH...     run event files (or folders of them) through the router and their handlers
          ledger verify      verify the ledger's hash chains (and against the anchored digests)
          ledger anchor      anchor a digest of every chain head now
          local              a local stand-in for the AWS accounts (up, approve, notifications, down)
          lineage VERSION    a model version's lineage (text, json, dot, html report, openlineage)
          timeline VERSION   a model version's audit timeline
          endpoints NAME     which model version runs on an endpoint, and since when
          violations         open policy and Config violations
          audit              who did what and when (by time range, account, principal)
          alerts             out-of-band actions CloudTrail showed (audit.alert), newest first
          console            browse the inventory, models, violations, alerts and audit in a local web UI
          api                serve the lineage API on loopback (--port N)
          dlq                list, show and redrive the dead-letter queues (list|show|redrive)

        Options:
          --local            use the settings 'governance local up' wrote (.local/env): endpoint, table, topic…
                             (before or after the command)
          --version          print the version

        Run 'governance <command> --help' for a command's options. --format values are case-insensitive.
        GOVERNANCE_DEBUG=1 adds the stack trace to an error.

        Exit status: 0 success, 1 the command found a problem (a failed event, a broken chain, nothing found),
        2 usage, access or environment error (the message says how to fix it), 130 interrupted.
        """;

    private const string LedgerHelp = """
        Usage: governance ledger <subcommand> [options]

        Subcommands:
          verify     verify the ledger's hash chains (governance ledger verify --help)
          anchor     anchor a digest of every chain head now (governance ledger anchor --help)
          backfill   bring items of an older ledger to the keys scoped queries read (governance ledger backfill --help)
        """;

    /// <summary>Every command name, for "did you mean".</summary>
    public static readonly string[] Commands =
        ["replay", "ledger", "local", "lineage", "timeline", "endpoints", "violations", "audit", "alerts", "console", "api", "dlq", "help"];

    /// <summary>Runs a command line with the process environment as its settings (read, never written).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, Environment.GetEnvironmentVariable, stdout, stderr, cancellationToken);

    /// <param name="settings">Where commands read their settings (<c>GOVERNANCE_*</c>, <c>AWS_*</c>); <c>--local</c> reads .local/env over them.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteAsync(Help);
            return args.Count == 0 ? 2 : 0;
        }

        if (args[0] == "--local")
        {
            var local = LocalSettings.TryLoad();
            if (local is null)
            {
                await stderr.WriteLineAsync($"governance: --local needs {LocalSettings.FilePath()}; run 'governance local up' first");
                return 2;
            }

            return await RunAsync(args.Skip(1).ToList(), local.Over(settings), stdout, stderr, cancellationToken);
        }

        var rest = args.Skip(1).ToList();
        switch (args[0])
        {
            case "replay":
                return await ReplayCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "local":
                return await LocalCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "lineage":
                return await LineageCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "timeline":
                return await QueryCommands.TimelineAsync(rest, settings, stdout, stderr, cancellationToken);
            case "endpoints":
                return await QueryCommands.EndpointsAsync(rest, settings, stdout, stderr, cancellationToken);
            case "violations":
                return await QueryCommands.ViolationsAsync(rest, settings, stdout, stderr, cancellationToken);
            case "audit":
                return await QueryCommands.AuditAsync(rest, settings, stdout, stderr, cancellationToken);
            case "api":
                return await ApiCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "alerts":
                return await AlertsCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "console":
                return await ConsoleCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "dlq":
                return await DlqCommand.RunAsync(rest, settings, stdout, stderr, cancellationToken);
            case "ledger" when rest.Count > 0 && rest[0] == "anchor":
                return await LedgerAnchorCommand.RunAsync(rest.Skip(1).ToList(), settings, stdout, stderr, cancellationToken);
            case "ledger" when rest.Count > 0 && rest[0] == "backfill":
                return await LedgerBackfillCommand.RunAsync(rest.Skip(1).ToList(), settings, stdout, stderr, cancellationToken);
            case "ledger" when rest.Count > 0 && rest[0] == "verify":
                return await LedgerVerifyCommand.RunAsync(rest.Skip(1).ToList(), settings, stdout, stderr, cancellationToken);
            case "ledger" when rest.Count == 0 || rest[0] is "-h" or "--help":
                await stdout.WriteAsync(LedgerHelp);
                return rest.Count == 0 ? 2 : 0;
            default:
                await stderr.WriteLineAsync($"governance: unknown command '{string.Join(' ', args.Take(2))}'");
                await stderr.WriteLineAsync(Shell.CommandSyntax.Closest(args[0], Commands) is { } closest && closest != args[0]
                    ? $"Did you mean 'governance {closest}'? Try 'governance --help'."
                    : "Try 'governance --help'.");
                return 2;
        }
    }
}
