using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Governance.Core.Ledger.Anchoring;

/// <summary>One chain's head as anchored: the subject, its last sequence number and that record's hash.</summary>
public sealed record AnchoredHead(NodeRef Subject, long Sequence, string Hash);

/// <summary>
/// A digest of every chain head at one instant: the heads (sorted by subject), their Merkle root, and the hash of
/// the previous digest, so digests form a chain of their own. <see cref="Hash"/> is the SHA-256 of
/// <see cref="Canonical"/>, the exact bytes written to the archive.
/// </summary>
public sealed record LedgerDigest(long Number, DateTimeOffset CreatedAt, string PreviousHash, string MerkleRoot, IReadOnlyList<AnchoredHead> Heads)
{
    public const int FormatVersion = 1;

    /// <summary>The previous hash of the first digest.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The digest after <paramref name="previous"/> (null: the first) over <paramref name="heads"/>.</summary>
    public static LedgerDigest Next(DigestHead? previous, IEnumerable<AnchoredHead> heads, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var sorted = heads.OrderBy(head => head.Subject.ToString(), StringComparer.Ordinal).ToList();
        return new LedgerDigest((previous?.Number ?? 0) + 1, now.ToUniversalTime(), previous?.Hash ?? Genesis, MerkleTree.Root(sorted), sorted);
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Canonical"/>.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Canonical()));

    /// <summary>The archive key: digests sort by number.</summary>
    public string Key => DigestKey(Number);

    public static string DigestKey(long number) => "digests/" + number.ToString("D12", CultureInfo.InvariantCulture) + ".json";

    /// <summary>The digest as stored: compact JSON, fields in a fixed order, heads sorted by subject.</summary>
    public byte[] Canonical()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteNumber("number", Number);
            json.WriteString("createdAt", LedgerTime.Format(CreatedAt));
            json.WriteString("previousHash", PreviousHash);
            json.WriteString("merkleRoot", MerkleRoot);
            json.WriteStartArray("heads");
            foreach (var head in Heads)
            {
                json.WriteStartObject();
                json.WriteString("type", head.Subject.Type);
                json.WriteString("id", head.Subject.Id);
                json.WriteNumber("seq", head.Sequence);
                json.WriteString("hash", head.Hash);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">Not a digest this version wrote.</exception>
    public static LedgerDigest Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion)
            {
                throw new FormatException($"digest format version {root.GetProperty("version")} is not {FormatVersion}");
            }

            var heads = root.GetProperty("heads").EnumerateArray()
                .Select(head => new AnchoredHead(
                    new NodeRef(head.GetProperty("type").GetString()!, head.GetProperty("id").GetString()!),
                    head.GetProperty("seq").GetInt64(),
                    head.GetProperty("hash").GetString()!))
                .ToList();
            return new LedgerDigest(
                root.GetProperty("number").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("previousHash").GetString()!,
                root.GetProperty("merkleRoot").GetString()!,
                heads);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("not a ledger digest: " + e.Message, e);
        }
    }
}

/// <summary>The last anchored digest's number and hash (what the next digest links to).</summary>
public sealed record DigestHead(long Number, string Hash);

/// <summary>Merkle root over anchored heads: SHA-256 with 0x00 before a leaf and 0x01 before a pair; an odd node is promoted.</summary>
public static class MerkleTree
{
    public static string Root(IReadOnlyList<AnchoredHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData([]));
        }

        var level = heads.Select(Leaf).ToList();
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? SHA256.HashData([0x01, .. level[i], .. level[i + 1]]) : level[i]);
            }

            level = next;
        }

        return Convert.ToHexStringLower(level[0]);
    }

    private static byte[] Leaf(AnchoredHead head) =>
        SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes($"{head.Subject.Type}\n{head.Subject.Id}\n{head.Sequence.ToString(CultureInfo.InvariantCulture)}\n{head.Hash}")]);
}
