using System.Text;
using System.Text.RegularExpressions;
using Governance.Aws.Http;

namespace Governance.Aws.Validation;

/// <summary>
/// Client-side checks against the service models' constraints, so a malformed request fails with a clear
/// message before anything is sent.
/// </summary>
public sealed class Check(string service, string operation)
{
    public string Required(string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Fail(member, "is required");
        }

        return value;
    }

    public string Text(string? value, string member, int min, int max, Regex? pattern = null)
    {
        var text = Required(value, member);
        Length(text, member, min, max);
        if (pattern is not null && !pattern.IsMatch(text))
        {
            throw Fail(member, $"'{Shorten(text)}' does not match the pattern {pattern}");
        }

        return text;
    }

    public string? Optional(string? value, string member, int min, int max, Regex? pattern = null) =>
        value is null ? null : Text(value, member, min, max, pattern);

    public string Length(string value, string member, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < min || value.Length > max)
        {
            throw Fail(member, $"has length {value.Length}, outside {min}..{max}");
        }

        return value;
    }

    public void Bytes(string value, string member, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var size = Encoding.UTF8.GetByteCount(value);
        if (size > maxBytes)
        {
            throw Fail(member, $"is {size} bytes, over the limit of {maxBytes} bytes");
        }
    }

    public void Count(int count, string member, int min, int max)
    {
        if (count < min || count > max)
        {
            throw Fail(member, $"has {count} entries, outside {min}..{max}");
        }
    }

    public string OneOf(string? value, string member, params string[] allowed)
    {
        var text = Required(value, member);
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            throw Fail(member, $"'{text}' is not one of {string.Join(", ", allowed)}");
        }

        return text;
    }

    public AwsRequestValidationException Fail(string member, string reason) => new(service, operation, member, reason);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
