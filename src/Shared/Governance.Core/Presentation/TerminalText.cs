using System.Text;

namespace Governance.Core.Presentation;

/// <summary>
/// Makes text from event data safe to print on a terminal: control characters (C0 such as ESC, CR, BEL, backspace;
/// DEL; C1 such as CSI) and the bidirectional overrides that reorder what is shown are removed, so nothing from an
/// event can move the cursor, recolour, retitle or clear the screen, or hide text. Line breaks become spaces: a value
/// stays on its line, and the layout's own newlines are the renderer's.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> on one line with no control characters; null stays null.</summary>
    public static string? Line(string? text)
    {
        if (text is null || !NeedsCleaning(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t' or '\u2028' or '\u2029')
            {
                clean.Append(' ');
            }
            else if (!IsUnsafe(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Each line of <paramref name="text"/> cleaned by <see cref="Line"/>, the line breaks kept.</summary>
    public static string Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsCleaning(text) ? string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => Line(line))) : text;
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\t' or '\u2028' or '\u2029' || IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || c is (>= '\u007f' and <= '\u009f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f';
}
