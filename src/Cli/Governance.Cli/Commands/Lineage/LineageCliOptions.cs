using Governance.Aws.Endpoints;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// The options of the lineage commands: positional arguments, <c>--name value</c> pairs restricted to the ones a
/// command accepts, and the connection options every one of them takes.
/// </summary>
internal sealed class LineageCliOptions
{
    /// <summary>
    /// The help lines of the options every ledger-reading command takes, for a help's option list (the first line
    /// takes the list's indentation where it is placed; the others carry it).
    /// </summary>
    public const string ConnectionHelp = """
        --table NAME            the ledger table (default: $GOVERNANCE_TABLE)
          --endpoint URL          DynamoDB endpoint (default: $AWS_ENDPOINT_URL, else AWS)
          --region REGION         the central registry's region (default: $AWS_REGION)
          --central-account ID    the governance account (default: $GOVERNANCE_CENTRAL_ACCOUNT)
          -h, --help              show this help
        """;

    public static readonly string[] ConnectionOptions = ["--table", "--endpoint", "--region", "--central-account"];

    /// <summary>The setting each connection option stands for.</summary>
    private static readonly Dictionary<string, string> ConnectionSettings = new(StringComparer.Ordinal)
    {
        [SettingNames.Table] = "--table",
        [SettingNames.CentralAccount] = "--central-account",
        [SettingNames.Region] = "--region",
        [EndpointResolver.GlobalVariable] = "--endpoint",
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];
    private readonly Func<string, string?> _settings;

    private LineageCliOptions(Func<string, string?> settings) => _settings = settings;

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>The settings as these options amend them: a connection option given wins over the setting it stands for.</summary>
    public string? Setting(string name) =>
        ConnectionSettings.TryGetValue(name, out var option) && Value(option) is { } given ? given : _settings(name);

    /// <exception cref="ArgumentException">An unknown option, or an option without its value.</exception>
    public static LineageCliOptions Parse(IReadOnlyList<string> args, Func<string, string?> settings, params string[] accepted)
    {
        var options = new LineageCliOptions(settings);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options._positionals.Add(arg);
                continue;
            }

            if (!accepted.Contains(arg) && !ConnectionOptions.Contains(arg))
            {
                throw new ArgumentException($"unknown option {arg}");
            }

            options._values[arg] = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"option {arg} needs a value");
        }

        return options;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Format(params string[] formats)
    {
        var format = Value("--format") ?? formats[0];
        return formats.Contains(format) ? format : throw new ArgumentException($"--format must be one of {string.Join(", ", formats)}, not '{format}'");
    }

    /// <summary>The options that become the API's query parameters (<c>--account x</c> → <c>account=x</c>).</summary>
    public Dictionary<string, string> Query(params string[] names) =>
        names.Where(_values.ContainsKey).ToDictionary(name => name[2..], name => _values[name], StringComparer.Ordinal);
}
