using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Governance.Core.Ledger;

namespace Governance.Aws.Ledger;

/// <summary>
/// Seals query continuations into opaque page tokens: the continuation as JSON, then an HMAC-SHA256 over the
/// query's scope (kind and parameters) and that JSON, both base64url. A token altered, made up without the key,
/// or presented to a different query fails the MAC and is refused. Every instance serving the same API must
/// share the key, or tokens from one are refused by another.
/// </summary>
public sealed class PageTokenCodec
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public PageTokenCodec(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"the page token key must have at least {MinimumKeyBytes} bytes", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A codec with a fresh random key: tokens are valid only within this process.</summary>
    public static PageTokenCodec WithRandomKey() => new(RandomNumberGenerator.GetBytes(MinimumKeyBytes));

    internal string Seal<TState>(string scope, TState state, JsonTypeInfo<TState> typeInfo)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(state, typeInfo);
        return $"{Base64Url(payload)}.{Base64Url(Mac(scope, payload))}";
    }

    internal TState Open<TState>(string scope, string token, JsonTypeInfo<TState> typeInfo)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(scope, payload)))
        {
            throw new InvalidPageTokenException();
        }

        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo) ?? throw new InvalidPageTokenException();
        }
        catch (JsonException e)
        {
            throw new InvalidPageTokenException("the page token is not valid for this query", e);
        }
    }

    private byte[] Mac(string scope, byte[] payload)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var message = new byte[scopeBytes.Length + 1 + payload.Length];
        scopeBytes.CopyTo(message, 0);
        payload.CopyTo(message, scopeBytes.Length + 1);
        return HMACSHA256.HashData(_key, message);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
