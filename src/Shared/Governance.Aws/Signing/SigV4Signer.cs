using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Aws.Signing;

/// <summary>AWS Signature Version 4 (header form), as specified by the official SigV4 test suite.</summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The headers with X-Amz-Date and, for temporary credentials, X-Amz-Security-Token added unless present;
    /// both are then part of the signature.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WithAuthHeaders(
        IReadOnlyList<KeyValuePair<string, string>> headers, SigningCredentials credentials, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(credentials);
        var result = new List<KeyValuePair<string, string>>(headers);
        if (!Has(result, "X-Amz-Date"))
        {
            result.Add(new("X-Amz-Date", AmzDate(time)));
        }

        if (credentials.SessionToken is { Length: > 0 } token && !Has(result, "X-Amz-Security-Token"))
        {
            result.Add(new("X-Amz-Security-Token", token));
        }

        return result;

        static bool Has(List<KeyValuePair<string, string>> list, string name) =>
            list.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
    }

    public static string HashHex(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>
    /// Signs <paramref name="request"/>. The request's headers must already hold Host and X-Amz-Date (and
    /// X-Amz-Security-Token when it is to be signed); the caller adds the returned Authorization header.
    /// </summary>
    public static SigV4Signature Sign(SignableRequest request, SigningCredentials credentials, SigningScope scope, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(scope);

        var headers = CanonicalHeaders(request.Headers);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(request.Path, scope.NormalizePath)).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n')
            .AppendJoin(string.Empty, headers.Select(h => $"{h.Key}:{h.Value}\n")).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(request.PayloadHash)
            .ToString();

        var amzDate = AmzDate(time);
        var date = amzDate[..8];
        var credentialScope = $"{date}/{scope.Region}/{scope.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));
        var authorization =
            $"{Algorithm} Credential={credentials.AccessKeyId}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static SortedDictionary<string, string> CanonicalHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            var normalized = CollapseWhitespace(value);
            result[key] = result.TryGetValue(key, out var existing) ? existing + "," + normalized : normalized;
        }

        return result;
    }

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string CanonicalPath(string path, bool normalize)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        if (!normalize)
        {
            return UriEncode(path, encodeSlash: false);
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        var trailingSlash = segments.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal));
        var joined = "/" + string.Join('/', segments.Select(s => UriEncode(s, encodeSlash: true)));
        return trailingSlash ? joined + "/" : joined;
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(key), true), UriEncode(Uri.UnescapeDataString(value), true)));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>RFC 3986 percent-encoding of everything except unreserved characters (and '/' when asked).</summary>
    public static string UriEncode(string value, bool encodeSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (c == '/' && !encodeSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
