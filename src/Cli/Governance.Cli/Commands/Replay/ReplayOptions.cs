using Governance.Core.Events;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Replay;

/// <summary>What <c>governance replay</c> was asked to do.</summary>
public sealed record ReplayOptions(IReadOnlyList<string> Paths, bool DryRun, bool Json, bool Verbose, string CentralAccountId, bool CentralAccountDefaulted)
{
    /// <summary>Used when no central account is configured: no real account has it, so every account is a team account.</summary>
    public const string UnconfiguredCentralAccount = "000000000000";

    /// <exception cref="ArgumentException">The arguments are not a valid replay command line; the message says why.</exception>
    public static ReplayOptions Parse(IReadOnlyList<string> args, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variable);
        var paths = new List<string>();
        bool dryRun = false, json = false, verbose = false;
        string? central = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dry-run": dryRun = true; break;
                case "--json": json = true; break;
                case "-v" or "--verbose": verbose = true; break;
                case "--central-account":
                    central = i + 1 < args.Count ? args[++i] : throw new ArgumentException("--central-account needs an account id");
                    break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    throw new ArgumentException($"unknown option '{option}'");
                default: paths.Add(args[i]); break;
            }
        }

        if (paths.Count == 0)
        {
            throw new ArgumentException("give at least one event file or folder");
        }

        central ??= variable(SettingNames.CentralAccount);
        if (central is not null && !AccountId.IsValid(central.Trim()))
        {
            throw new ArgumentException($"the central account \"{central}\" is not a 12-digit AWS account id");
        }

        return new ReplayOptions(paths, dryRun, json, verbose, central?.Trim() ?? UnconfiguredCentralAccount, central is null);
    }
}
