using Governance.Handlers.Settings;

namespace Governance.Cli.Commands;

/// <summary>
/// What every command does with its arguments: <c>-h</c>/<c>--help</c> prints its help (exit 0); a usage error is
/// reported as <c>governance COMMAND: problem</c> and <c>Try 'governance COMMAND --help'.</c> (exit 2).
/// </summary>
internal static class CommandUsage
{
    public const int UsageError = 2;

    /// <summary>True, once <paramref name="help"/> is printed, when the arguments ask for help.</summary>
    public static async Task<bool> HelpAsync(IReadOnlyList<string> args, string help, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        if (!args.Any(arg => arg is "-h" or "--help"))
        {
            return false;
        }

        await stdout.WriteAsync(help);
        return true;
    }

    /// <summary>What <paramref name="parse"/> reads from the arguments and settings, or null once the problem it found is reported.</summary>
    public static async Task<T?> ParseAsync<T>(string command, Func<T> parse, TextWriter stderr)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or SettingsException)
        {
            await ErrorAsync(command, e.Message, stderr);
            return null;
        }
    }

    /// <summary>Reports a usage error of <paramref name="command"/>; answers the exit status.</summary>
    public static async Task<int> ErrorAsync(string command, string problem, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        await stderr.WriteLineAsync($"governance {command}: {problem}");
        await stderr.WriteLineAsync($"Try 'governance {command} --help'.");
        return UsageError;
    }
}
