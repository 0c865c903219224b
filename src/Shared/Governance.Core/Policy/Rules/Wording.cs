using System.Globalization;

namespace Governance.Core.Policy.Rules;

/// <summary>Small helpers so every explanation reads the same way.</summary>
internal static class Wording
{
    public static string List(IEnumerable<string> items) => string.Join(", ", items);

    public static string Quoted(IEnumerable<string> items) => string.Join(", ", items.Select(Quote));

    public static string Quote(string item) => "'" + item + "'";

    public static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Findings joined into sentences' worth of clauses, capitalised, ending with a full stop.</summary>
    public static string Sentence(IEnumerable<string> clauses) => Capitalise(string.Join("; ", clauses)) + ".";

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
