using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Governance.Core.Secrets;

namespace Governance.Hosting.Logging;

/// <summary>
/// A parsed structured-logging template such as <c>"Event {EventId} ignored: {Reason}"</c>: holes are
/// filled by position, optionally formatted (<c>{Elapsed:0.0}</c>); <c>{{</c> and <c>}}</c> are literal
/// braces; a <c>@</c> or <c>$</c> prefix on a name is accepted and dropped. Text that does not parse as a
/// hole stays literal, so no template can make logging throw.
/// </summary>
public sealed class MessageTemplate
{
    private const int CacheLimit = 1024;
    private static readonly ConcurrentDictionary<string, MessageTemplate> Cache = new(StringComparer.Ordinal);

    private readonly Segment[] _segments;

    private MessageTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
        PropertyNames = [.. segments.Where(segment => segment.IsHole).Select(segment => segment.Text)];
    }

    public string Text { get; }

    /// <summary>Names of the holes in order of appearance.</summary>
    public IReadOnlyList<string> PropertyNames { get; }

    public static MessageTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var template = new MessageTemplate(text, ParseSegments(text));
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(text, template);
        }

        return template;
    }

    /// <summary>
    /// Renders the message. Values of holes whose name is sensitive are replaced by
    /// <see cref="SecretRedactor.Redacted"/>; a hole without a value is kept as written.
    /// </summary>
    public string Render(ReadOnlySpan<object?> values)
    {
        var builder = new StringBuilder(Text.Length + (values.Length * 16));
        var hole = 0;
        foreach (var segment in _segments)
        {
            if (!segment.IsHole)
            {
                builder.Append(segment.Text);
                continue;
            }

            if (hole >= values.Length)
            {
                builder.Append(segment.Raw);
            }
            else if (SecretRedactor.IsSensitiveKey(segment.Text))
            {
                builder.Append(SecretRedactor.Redacted);
            }
            else
            {
                AppendValue(builder, values[hole], segment.Format);
            }

            hole++;
        }

        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, object? value, string? format)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append(text);
                break;
            case System.Text.Json.JsonElement element:
                builder.Append(element.GetRawText());
                break;
            case DateTimeOffset instant when format is null:
                builder.Append(instant.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime instant when format is null:
                builder.Append(instant.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                builder.Append(FormatSafely(formattable, format));
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    private static string FormatSafely(IFormattable value, string? format)
    {
        try
        {
            return value.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return value.ToString(null, CultureInfo.InvariantCulture);
        }
    }

    private static Segment[] ParseSegments(string text)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }

            if (c == '{' && TryParseHole(text, i, out var hole, out var end))
            {
                if (literal.Length > 0)
                {
                    segments.Add(Segment.Literal(literal.ToString()));
                    literal.Clear();
                }

                segments.Add(hole);
                i = end + 1;
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0)
        {
            segments.Add(Segment.Literal(literal.ToString()));
        }

        return [.. segments];
    }

    private static bool TryParseHole(string text, int open, out Segment hole, out int close)
    {
        hole = default;
        close = text.IndexOf('}', open + 1);
        if (close < 0)
        {
            return false;
        }

        var body = text.AsSpan(open + 1, close - open - 1);
        var colon = body.IndexOf(':');
        var name = colon >= 0 ? body[..colon] : body;
        var format = colon >= 0 ? body[(colon + 1)..].ToString() : null;
        if (name.Length > 0 && (name[0] == '@' || name[0] == '$'))
        {
            name = name[1..];
        }

        if (name.IsEmpty || !IsName(name))
        {
            return false;
        }

        hole = Segment.Hole(name.ToString(), format, text[open..(close + 1)]);
        return true;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Segment(bool IsHole, string Text, string? Format, string Raw)
    {
        public static Segment Literal(string text) => new(false, text, null, text);

        public static Segment Hole(string name, string? format, string raw) => new(true, name, format, raw);
    }
}
