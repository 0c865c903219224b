using System.Text;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>
/// Makes a subject SNS accepts: printable ASCII only (common Latin accents dropped, other characters become '?', line
/// breaks and control characters become spaces), single spaces, and fewer than 100 characters (cut with "...").
/// Accents are mapped by table: the service runs with invariant globalization, where Unicode normalization is unavailable.
/// </summary>
public static class SubjectLine
{
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžŁłŚśŻżŹźĆćŃńĄąĘęČčŘřĚěŮů";
    private const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzLlSsZzZzCcNnAaEeCcRrEeUu";

    /// <summary>SNS: "less than 100 characters".</summary>
    public const int MaxLength = 99;

    public static string Sanitise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            var accented = Accented.IndexOf(character, StringComparison.Ordinal);
            var printable = character is >= ' ' and <= '~' ? character
                : accented >= 0 ? Plain[accented]
                : char.IsWhiteSpace(character) || char.IsControl(character) ? ' '
                : char.IsLowSurrogate(character) ? '\0'
                : '?';
            if (printable == '\0' || (printable == ' ' && (builder.Length == 0 || builder[^1] == ' ')))
            {
                continue;
            }

            builder.Append(printable);
        }

        var clean = builder.ToString().TrimEnd();
        if (clean.Length == 0)
        {
            return "Model governance notification";
        }

        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 3)].TrimEnd() + "...";
    }
}
