using System.Text.RegularExpressions;

namespace Governance.Core.Policy.Rules;

/// <summary>A name pattern in which <c>*</c> matches any run of characters; the whole name must match, ignoring case.</summary>
internal sealed class GlobPattern
{
    private readonly Regex regex;

    public GlobPattern(string pattern)
    {
        Text = pattern;
        regex = new Regex(
            "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
            TimeSpan.FromMilliseconds(250));
    }

    public string Text { get; }

    public bool IsMatch(string value) => regex.IsMatch(value);

    public static bool AnyMatch(IReadOnlyList<GlobPattern> patterns, string value) => patterns.Any(pattern => pattern.IsMatch(value));
}
