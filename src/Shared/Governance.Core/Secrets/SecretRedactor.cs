using System.Text.RegularExpressions;

namespace Governance.Core.Secrets;

/// <summary>
/// Keeps credentials out of logs and out of the ledger: values under sensitive keys (authorization, any token,
/// secret, password, credential, signature, a key such as apiKey or private_key) are replaced, and free text is
/// scrubbed of SigV4 authorization headers, key=value credentials, bearer tokens, JWTs, AWS access key ids and
/// private keys. ARNs are kept intact.
/// </summary>
public static partial class SecretRedactor
{
    public const string Redacted = "[REDACTED]";

    // Compared against the key lower-cased with separators removed, so X-Amz-Security-Token,
    // x_amz_security_token and xAmzSecurityToken all match "token".
    private static readonly string[] SensitiveFragments =
    [
        "authorization",
        "token",
        "secret",
        "password",
        "passwd",
        "passphrase",
        "credential",
        "signature",
    ];

    /// <summary>
    /// True for a key whose value is a credential. A name ending in "key" (apiKey, private_key, signingKey) is one;
    /// an id of a key (accessKeyId, kmsKeyId) is not.
    /// </summary>
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
        if (compact.EndsWith("key", StringComparison.Ordinal))
        {
            return true;
        }

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

        var scrubbed = PrivateKeyPattern().Replace(text, Redacted);
        scrubbed = SigV4AuthorizationPattern().Replace(scrubbed, "AWS4-HMAC-SHA256 " + Redacted);
        scrubbed = AuthorizationHeaderPattern().Replace(scrubbed, "${key}${sep}" + Redacted);
        scrubbed = BearerPattern().Replace(scrubbed, "${scheme} " + Redacted);
        scrubbed = JwtPattern().Replace(scrubbed, Redacted);
        scrubbed = AccessKeyIdPattern().Replace(scrubbed, Redacted);
        return CredentialAssignmentPattern().Replace(scrubbed, "${key}${sep}" + Redacted);
    }

    // A cheap pre-check keeps the regexes off the hot path of ordinary messages.
    private static bool MayContainSecret(string text) =>
        text.Contains("AWS4-HMAC-SHA256", StringComparison.Ordinal)
        || text.Contains('=')
        || text.Contains(':')
        || text.Contains("bearer", StringComparison.OrdinalIgnoreCase)
        || text.Contains("eyJ", StringComparison.Ordinal)
        || text.Contains("AKIA", StringComparison.Ordinal)
        || text.Contains("ASIA", StringComparison.Ordinal)
        || text.Contains("PRIVATE KEY", StringComparison.Ordinal);

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"AWS4-HMAC-SHA256\s+Credential=[^\r\n""]*", RegexOptions.CultureInvariant)]
    private static partial Regex SigV4AuthorizationPattern();

    // An authorization header value runs to the end of the line or the closing quote (Bearer, Basic, ...).
    [GeneratedRegex(
        @"(?<key>Authorization)(?<sep>[""']?\s*[=:]\s*[""']?)(?!\[REDACTED\])[^\r\n""',}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeaderPattern();

    [GeneratedRegex(@"\b(?<scheme>Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyIdPattern();

    // A key right after ':' or '/' is part of an ARN or a path (arn:aws:secretsmanager:…:secret:name), not an assignment.
    [GeneratedRegex(
        @"(?<![:/\w-])(?<key>[\w-]*?(?:token|secret[_-]?access[_-]?key|secret[_-]?key|secret|password|passwd|api[_-]?key|private[_-]?key|signature|x-amz-credential))(?<sep>[""']?\s*[=:]\s*[""']?)(?!\[REDACTED\])[^&\s""',;}\]]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialAssignmentPattern();
}
