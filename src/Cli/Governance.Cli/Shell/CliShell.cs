using System.Reflection;
using Governance.Cli.Commands.Local;

namespace Governance.Cli.Shell;

/// <summary>
/// The one way into the command table: applies the shared syntax, answers <c>--version</c>, checks the AWS
/// endpoint before a command that needs it, shows that a slow command is working (on a terminal), and turns every
/// exception into one line with the fix and the promised exit status. No stack trace reaches the user.
/// </summary>
public static class CliShell
{
    public const int Interrupted = 130;

    /// <summary>Commands that never call AWS, or that start the emulator themselves.</summary>
    private static readonly string[] Offline = ["help", "-h", "--help", "--version", "version"];

    public static async Task<int> RunAsync(IReadOnlyList<string> raw, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var args = CommandSyntax.Normalize(raw);
        if (args is ["--version"] or ["version"])
        {
            await stdout.WriteLineAsync($"governance {Version()}");
            return 0;
        }

        var activity = TerminalActivity.Start(stderr, Command(args));
        try
        {
            if (await PreflightAsync(args, cancellationToken) is { } problem)
            {
                activity.Dispose();
                await stderr.WriteLineAsync($"governance {Command(args)}: {problem}");
                return Failures.Usage;
            }

            return await CommandLine.RunAsync(args, activity.Watch(stdout), stderr, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity.Dispose();
            await stderr.WriteLineAsync("governance: interrupted");
            return Interrupted;
        }
        catch (Exception e)
        {
            activity.Dispose();
            return await Failures.ReportAsync(e, args, Command(args), stderr);
        }
        finally
        {
            activity.Dispose();
        }
    }

    public static string Version() =>
        typeof(CliShell).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CliShell).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The command's name as the user typed it, with its subcommand (<c>ledger verify</c>, <c>local up</c>).</summary>
    private static string Command(IReadOnlyList<string> args)
    {
        var words = args.Where(arg => arg != CommandSyntax.LocalFlag).Take(2).ToList();
        return words switch
        {
            ["ledger" or "local" or "dlq", var sub] when !sub.StartsWith('-') => $"{words[0]} {sub}",
            [var command, ..] => command,
            _ => "",
        };
    }

    /// <summary>What is wrong with the endpoint the command would call, when it calls one.</summary>
    private static async Task<string?> PreflightAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var local = args.Count > 0 && args[0] == CommandSyntax.LocalFlag;
        var rest = local ? args.Skip(1).ToList() : args.ToList();
        if (rest.Count == 0 || Offline.Contains(rest[0]) || rest.Any(arg => arg is "-h" or "--help")
            || !CommandLine.Commands.Contains(rest[0])
            || rest is ["local", ..] && (rest.Count < 2 || rest[1] is "up" or "down")
            || rest[0] == "replay" && rest.Contains("--dry-run"))
        {
            return null;
        }

        Func<string, string?> settings = Environment.GetEnvironmentVariable;
        if (local || rest[0] == "local")
        {
            if (LocalSettings.TryLoad() is not { } saved)
            {
                return null;
            }

            settings = name => saved.Find(name) ?? Environment.GetEnvironmentVariable(name);
        }

        return EndpointProbe.Endpoint(rest, settings) is { } endpoint ? await EndpointProbe.ProblemAsync(endpoint, cancellationToken) : null;
    }
}
