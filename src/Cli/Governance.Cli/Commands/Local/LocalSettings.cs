using System.Globalization;
using System.Text;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// What <c>governance local up</c> provisioned, saved as shell-style <c>KEY=value</c> lines in
/// <c>.local/env</c> so <c>governance --local …</c> (which reads them over the environment, never into it), the demo
/// and a shell (<c>set -a; . .local/env</c>) can use it.
/// </summary>
public sealed record LocalSettings(IReadOnlyDictionary<string, string> Values)
{
    public const string DirectoryVariable = "GOVERNANCE_LOCAL_DIR";
    public const string EmulatorPidKey = "GOVERNANCE_LOCAL_EMULATOR_PID";

    public string this[string key] => Values.TryGetValue(key, out var value)
        ? value
        : throw new InvalidOperationException($"{FilePath()} has no {key}: run 'governance local up' again");

    public string? Find(string key) => Values.GetValueOrDefault(key);

    /// <summary>The settings folder: $GOVERNANCE_LOCAL_DIR, else .local in the working directory.</summary>
    public static string Folder() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } folder ? folder : Path.Combine(Directory.GetCurrentDirectory(), ".local");

    public static string FilePath() => Path.Combine(Folder(), "env");

    public static LocalSettings? TryLoad()
    {
        var path = FilePath();
        if (!File.Exists(path))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var separator = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values[trimmed[..separator].Replace("export ", "", StringComparison.Ordinal).Trim()] = Unquote(trimmed[(separator + 1)..]);
            }
        }

        return new LocalSettings(values);
    }

    public void Save()
    {
        Directory.CreateDirectory(Folder());
        var text = new StringBuilder()
            .AppendLine("# Written by 'governance local up'. Use with 'governance --local <command>' or 'set -a; . .local/env; set +a'.");
        foreach (var (key, value) in Values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append("='").Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).AppendLine("'");
        }

        File.WriteAllText(FilePath(), text.ToString());
    }

    /// <summary>These settings over <paramref name="fallback"/>: what the commands and the functions they run read (nothing is set in the environment).</summary>
    public Func<string, string?> Over(Func<string, string?> fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return name => name != EmulatorPidKey && Values.TryGetValue(name, out var value) ? value : fallback(name);
    }

    public int? EmulatorPid => Find(EmulatorPidKey) is { } pid && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Unquote(string value)
    {
        value = value.Trim();
        return value.Length >= 2 && value[0] == '\'' && value[^1] == '\''
            ? value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal)
            : value;
    }
}
