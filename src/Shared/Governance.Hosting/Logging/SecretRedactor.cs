using System.Text.RegularExpressions;

namespace Governance.Hosting.Logging;

/// <summary>
/// Keeps credentials out of logs: values under sensitive keys (authorization, x-amz-security-token,
/// secretAccessKey, sessionToken, signature, ...) are replaced, and free text is scrubbed of SigV4
/// authorization headers and key=value credentials (presigned URLs, exception messages).
/// </summary>
public static partial class SecretRedactor
{
    public const string Redacted = "[REDACTED]";

    // Compared against the key lower-cased with separators removed, so X-Amz-Security-Token,
    // x_amz_security_token and xAmzSecurityToken all match "securitytoken".
    private static readonly string[] SensitiveFragments =
    [
        "authorization",
        "securitytoken",
        "secretaccesskey",
        "secretkey",
        "sessiontoken",
        "signature",
        "password",
        "credential",
        "apikey",
        "privatekey",
    ];

    public static bool IsSensitiveKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<char> normalized = key.Length <= 128 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized[length++] = char.ToLowerInvariant(c);
            }
        }

        ReadOnlySpan<char> compact = normalized[..length];
        foreach (var fragment in SensitiveFragments)
        {
            if (compact.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns <paramref name="text"/> with credential-looking substrings replaced.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayContainSecret(text))
        {
            return text;
        }

        var scrubbed = SigV4AuthorizationPattern().Replace(text, "AWS4-HMAC-SHA256 " + Redacted);
        scrubbed = AuthorizationHeaderPattern().Replace(scrubbed, "${key}${sep}" + Redacted);
        return CredentialAssignmentPattern().Replace(scrubbed, "${key}${sep}" + Redacted);
    }

    // A cheap pre-check keeps the regexes off the hot path of ordinary messages.
    private static bool MayContainSecret(string text) =>
        text.Contains("AWS4-HMAC-SHA256", StringComparison.Ordinal)
        || text.Contains('=')
        || text.Contains(':');

    [GeneratedRegex(@"AWS4-HMAC-SHA256\s+Credential=[^\r\n""]*", RegexOptions.CultureInvariant)]
    private static partial Regex SigV4AuthorizationPattern();

    // An authorization header value runs to the end of the line or the closing quote (Bearer, Basic, ...).
    [GeneratedRegex(
        @"(?<key>Authorization)(?<sep>[""']?\s*[=:]\s*[""']?)(?!\[REDACTED\])[^\r\n""',}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeaderPattern();

    [GeneratedRegex(
        @"(?<key>X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|SessionToken|SecurityToken|SecretAccessKey|SecretKey|aws_secret_access_key|aws_session_token|Password)(?<sep>[""']?\s*[=:]\s*[""']?)(?!\[REDACTED\])[^&\s""',;}\]]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialAssignmentPattern();
}
