using System.Globalization;

namespace Governance.Core.Ledger;

/// <summary>The one text form of instants in the ledger: UTC, 7 fractional digits, sortable as text.</summary>
public static class LedgerTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
