namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// The options of the lineage commands: positional arguments, <c>--name value</c> pairs restricted to the ones a
/// command accepts, and the connection options every one of them takes.
/// </summary>
internal sealed class LineageCliOptions
{
    public static readonly string[] ConnectionOptions = ["--table", "--endpoint", "--region", "--central-account"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private LineageCliOptions()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <exception cref="ArgumentException">An unknown option, or an option without its value.</exception>
    public static LineageCliOptions Parse(IReadOnlyList<string> args, params string[] accepted)
    {
        var options = new LineageCliOptions();
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
