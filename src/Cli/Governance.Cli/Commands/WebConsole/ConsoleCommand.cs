using Governance.Cli.Commands.Lineage;
using Governance.Cli.Shell;
using Governance.Core.Lineage;
using Microsoft.AspNetCore.Http;

namespace Governance.Cli.Commands.WebConsole;

/// <summary>
/// <c>governance console [--port N]</c>: a local web UI over the lineage API's queries — the inventory, each model's
/// report, open violations, alerts and the audit search — served on loopback with the caller's own AWS credentials.
/// </summary>
public static class ConsoleCommand
{
    public const int DefaultPort = 8788;

    public const string Help = $$"""
        Usage: governance console [--port N] [--local] [--caller ARN [--scoping FILE]] [options]

        Serves the governance console on http://127.0.0.1:N/ until interrupted: the model inventory with search
        and filters, each model version's report (summary, lineage graph, approvals, provenance, deployments,
        violations, timeline), open violations, out-of-band alerts and an audit search by time, account and
        principal. It reads the ledger with your own AWS credentials (or the emulator's, with --local) through the
        same queries and scoping as the lineage API; pages are plain HTML with no script and fetch nothing else.

        Options:
          --port N                loopback port (default 8788)
          --caller ARN            show only what this principal may see under the scoping configuration
          --scoping FILE          the scoping configuration for --caller (default config/scoping.json)
          {{LineageCliOptions.ConnectionHelp}}
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        var options = LineageCliOptions.Parse(args, settings, "--port", "--caller", "--scoping");
        if (options.Positionals.Count > 0)
        {
            throw new ArgumentException($"console takes no arguments, not '{options.Positionals[0]}' (see 'governance console --help')");
        }

        var port = options.Value("--port") is { } text
            ? int.TryParse(text, out var parsed) && parsed is > 0 and < 65536 ? parsed : throw new ArgumentException($"--port must be 1-65535, not '{text}'")
            : DefaultPort;
        var caller = options.Value("--caller");
        var scoping = caller is null ? ScopingPolicy.Everyone() : ScopingPolicy.Parse(await File.ReadAllTextAsync(options.Value("--scoping") ?? "config/scoping.json", ct));
        using var connection = LineageConnection.Open(options);
        var identity = caller is null ? null : new CallerIdentity(caller, caller.Split(':') is { Length: > 4 } parts ? parts[4] : null, null);
        var site = new ConsoleSite(new ConsoleQueries(connection.Api(scoping), identity, connection), TimeProvider.System);
        await LoopbackServer.RunAsync(
            port, site.HandleAsync,
            (context, e) => ConsoleSite.WriteAsync(context, 500, ConsolePages.Failed($"the page failed: {e.Message}")),
            () => stdout.WriteLineAsync($"governance console on http://127.0.0.1:{port}/ (reading table {connection.Table}; Ctrl+C stops)"),
            ct);
        return 0;
    }
}
