using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Governance.Core.Ledger;

/// <summary>
/// The byte form a record's hash is computed over (format <c>governance-ledger/v1</c>): the format tag, then
/// each field in a fixed order, every text as a present-marker byte 0x01, its UTF-8 length as a 4-byte
/// big-endian integer and its UTF-8 bytes, or the single byte 0x00 when absent. Fields in order: subject type,
/// subject id, sequence (decimal), event id, kind, occurred-at, recorded-at (both UTC
/// <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), actor, account, model package group, the attribute count (decimal)
/// followed by each key and value in ordinal key order, and the previous hash. Length prefixes make the
/// form unambiguous whatever the texts contain.
/// </summary>
public static class CanonicalRecord
{
    public const string FormatTag = "governance-ledger/v1";

    public static byte[] Serialise(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream(256);
        Write(buffer, FormatTag);
        Write(buffer, record.Subject.Type);
        Write(buffer, record.Subject.Id);
        Write(buffer, record.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, record.EventId);
        Write(buffer, record.Kind);
        Write(buffer, LedgerTime.Format(record.OccurredAt));
        Write(buffer, LedgerTime.Format(record.RecordedAt));
        Write(buffer, record.Actor);
        Write(buffer, record.Account);
        Write(buffer, record.ModelPackageGroup);
        Write(buffer, record.Attributes.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var pair in record.Attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Write(buffer, pair.Key);
            Write(buffer, pair.Value);
        }

        Write(buffer, record.PreviousHash);
        return buffer.ToArray();
    }

    private static void Write(MemoryStream buffer, string? text)
    {
        if (text is null)
        {
            buffer.WriteByte(0);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> header = stackalloc byte[5];
        header[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], bytes.Length);
        buffer.Write(header);
        buffer.Write(bytes);
    }
}
