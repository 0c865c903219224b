namespace Governance.Cli.Shell;

/// <summary>
/// The conventions every command follows, applied once before a command parses its own options:
/// <c>--local</c> anywhere on the line, <c>--format</c> values in any case, and "did you mean" for a misspelt command.
/// </summary>
public static class CommandSyntax
{
    public const string LocalFlag = "--local";

    /// <summary>The command line with <c>--local</c> moved to the front and <c>--format</c> values lower-cased.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var end = IndexOf(args, "--");
        var local = false;
        var normalized = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (end >= 0 && i >= end)
            {
                normalized.Add(arg);
            }
            else if (arg == LocalFlag)
            {
                local = true;
            }
            else if (arg == "--format" && i + 1 < args.Count)
            {
                normalized.Add(arg);
                normalized.Add(args[++i].ToLowerInvariant());
            }
            else if (arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                normalized.Add("--format");
                normalized.Add(arg["--format=".Length..].ToLowerInvariant());
            }
            else
            {
                normalized.Add(arg);
            }
        }

        if (local)
        {
            normalized.Insert(0, LocalFlag);
        }

        return normalized;
    }

    /// <summary>The known name closest to <paramref name="typed"/>, when it is a plausible misspelling.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var best = known
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var allowed = Math.Max(1, Math.Min(3, typed.Length / 3));
        return best.Name is not null && (best.Distance <= allowed || best.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && typed.Length >= 3)
            ? best.Name
            : null;
    }

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters costs one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
