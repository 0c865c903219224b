using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// Wraps the ledger's page tokens in a second seal naming the route, its parameters and the caller's scope,
/// so a token minted for one caller's scope cannot be replayed by a caller with another scope (the ledger's
/// own seal binds a token to its query but knows nothing of callers).
/// </summary>
public sealed class ScopedPageTokens
{
    public const int MinimumKeyBytes = 32;
    private const char Separator = '~';
    private readonly byte[] _key;

    public ScopedPageTokens(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"the page token key must be at least {MinimumKeyBytes} bytes", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Derives a purpose-specific key from a shared secret, so one secret can seal several kinds of token.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> secret, string purpose) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose));

    public string? Seal(string query, CallerScope scope, string? ledgerToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (ledgerToken is null)
        {
            return null;
        }

        var payload = Encoding.UTF8.GetBytes(ledgerToken);
        return Base64Url.EncodeToString(payload) + Separator + Base64Url.EncodeToString(Mac(query, scope, payload));
    }

    /// <exception cref="InvalidPageTokenException">The token was not sealed for this query and scope.</exception>
    public string? Open(string query, CallerScope scope, string? token)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (token is null)
        {
            return null;
        }

        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || token.Length > 8192)
        {
            throw new InvalidPageTokenException();
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(0, separator));
            var mac = Base64Url.DecodeFromChars(token.AsSpan(separator + 1));
            return CryptographicOperations.FixedTimeEquals(mac, Mac(query, scope, payload))
                ? Encoding.UTF8.GetString(payload)
                : throw new InvalidPageTokenException();
        }
        catch (FormatException exception)
        {
            throw new InvalidPageTokenException("the page token is not valid for this query", exception);
        }
    }

    private byte[] Mac(string query, CallerScope scope, byte[] payload)
    {
        var header = Encoding.UTF8.GetBytes($"{query}\0{scope.Fingerprint}\0");
        return HMACSHA256.HashData(_key, header.Concat(payload).ToArray());
    }
}
