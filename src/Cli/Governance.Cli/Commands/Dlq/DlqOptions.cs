using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Dlq;

/// <summary>What <c>governance dlq</c> was asked to do.</summary>
public sealed record DlqOptions(
    string Action,
    string Stack,
    IReadOnlyList<string> Queues,
    IReadOnlySet<string> Messages,
    bool DryRun,
    bool Replay,
    string? CentralAccountId)
{
    public const string DefaultStack = "ml-governance";

    /// <exception cref="ArgumentException">Not a valid dlq command line; the message says why.</exception>
    public static DlqOptions Parse(IReadOnlyList<string> args, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variable);
        if (args.Count == 0 || args[0] is not ("list" or "show" or "redrive"))
        {
            throw new ArgumentException("say list, show or redrive");
        }

        string? stack = null, central = null;
        var queues = new List<string>();
        var messages = new HashSet<string>(StringComparer.Ordinal);
        bool dryRun = false, replay = false;
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--queue": queues.Add(Value()); break;
                case "--stack": stack = Value(); break;
                case "--message": messages.Add(Value()); break;
                case "--central-account": central = Value(); break;
                case "--dry-run": dryRun = true; break;
                case "--replay": replay = true; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (args[0] != "redrive" && (dryRun || replay))
        {
            throw new ArgumentException("--dry-run and --replay apply to redrive only");
        }

        central ??= variable(SettingNames.CentralAccount);
        if (replay && !dryRun && string.IsNullOrWhiteSpace(central))
        {
            throw new ArgumentException("--replay runs the functions here: give --central-account ID or set GOVERNANCE_CENTRAL_ACCOUNT");
        }

        return new DlqOptions(args[0], stack ?? variable(SettingNames.Stack) ?? DefaultStack, queues, messages, dryRun, replay, central?.Trim());
    }
}
