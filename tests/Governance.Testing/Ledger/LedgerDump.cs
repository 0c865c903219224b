using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Governance.Testing.Ledger;

/// <summary>
/// A canonical dump of a ledger table, for comparing two runs of the same flows: one line per item, every
/// attribute rendered sorted, bed-specific names and ids replaced by placeholders, volatile fields (times,
/// sequence numbers, hashes, time-derived index keys, expiry) left out, the lines sorted. Effect claims are left
/// out too: they are delivery bookkeeping that expires by TTL (their tokens differ per run). Outbox messages stay:
/// which notifications a record decided is part of what the run recorded. Reads the whole table with Scan: for tests only.
/// </summary>
public sealed partial class LedgerDump
{
    /// <summary>
    /// Attributes whose values depend on when or in which order a run happened, not on what it recorded, and
    /// <c>HeadsPK</c>, the shard of a chain head: a hash of its key (kept as <c>HeadsSK</c>), so of the bed's names.
    /// </summary>
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "RecordedAt", "OccurredAt", "ChangedAt", "Seq", "Hash", "PrevHash", "ActPK", "ActSK", "AcctSK", "GroupSK", "OpenSK", "HeadsPK",
        "ExpiresAt", "QueuedAt", "SentAt", "PendSK",
    };

    private LedgerDump(IReadOnlyList<string> lines) => Lines = lines;

    /// <summary>The canonical lines, sorted ordinally.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Scans <paramref name="table"/> and renders every item with <paramref name="replacements"/> applied.</summary>
    /// <param name="replacements">Bed-specific text (names, ARNs, event ids) and the placeholder each becomes; longest first wins.</param>
    public static async Task<LedgerDump> ReadAsync(
        IAmazonDynamoDB dynamo, string table, IReadOnlyDictionary<string, string> replacements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(replacements);
        var ordered = replacements.OrderByDescending(pair => pair.Key.Length).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken);
            lines.AddRange((page.Items ?? [])
                .Where(item => !(item.TryGetValue("ItemType", out var type) && type.S == "Effect"))
                .Select(item => Render(item, ordered)));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        lines.Sort(StringComparer.Ordinal);
        return new LedgerDump(lines);
    }

    /// <summary>Empty when equal; else the lines only one side has, each marked with the side's label.</summary>
    public static string Difference(LedgerDump expected, string expectedLabel, LedgerDump actual, string actualLabel)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var builder = new StringBuilder();
        foreach (var line in Multiset(expected.Lines, actual.Lines))
        {
            builder.Append("only in ").Append(expectedLabel).Append(": ").AppendLine(line);
        }

        foreach (var line in Multiset(actual.Lines, expected.Lines))
        {
            builder.Append("only in ").Append(actualLabel).Append(": ").AppendLine(line);
        }

        return builder.ToString();
    }

    /// <summary>Applies the replacements, then masks times, UUIDs and long hex strings (hashes, digests).</summary>
    public static string Normalise(string value, IEnumerable<KeyValuePair<string, string>> replacements)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(replacements);
        var text = value;
        foreach (var (from, to) in replacements)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        text = IsoTime().Replace(text, "<time>");
        text = Uuid().Replace(text, "<uuid>");
        return LongHex().Replace(text, "<hex>");
    }

    private static List<string> Multiset(IReadOnlyList<string> from, IReadOnlyList<string> minus)
    {
        var remaining = minus.GroupBy(line => line, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var only = new List<string>();
        foreach (var line in from)
        {
            if (remaining.TryGetValue(line, out var count) && count > 0)
            {
                remaining[line] = count - 1;
            }
            else
            {
                only.Add(line);
            }
        }

        return only;
    }

    private static string Render(Dictionary<string, AttributeValue> item, List<KeyValuePair<string, string>> replacements)
    {
        var parts = item
            .Where(pair => !Volatile.Contains(pair.Key))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key + "=" + Value(pair.Key, pair.Value, replacements));
        return string.Join(" | ", parts);
    }

    private static string Value(string name, AttributeValue value, List<KeyValuePair<string, string>> replacements)
    {
        if (value.S is { } text)
        {
            // An event record's sort key is its sequence number in the chain, which depends on arrival order.
            return name == "SK" && text.StartsWith("EVT#", StringComparison.Ordinal) ? "EVT#<seq>" : Normalise(text, replacements);
        }

        if (value.N is { } number)
        {
            return number;
        }

        if (value.M is { Count: > 0 } map)
        {
            return "{" + string.Join(", ", map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => Normalise(pair.Key, replacements) + ": " + Value(pair.Key, pair.Value, replacements))) + "}";
        }

        if (value.L is { Count: > 0 } list)
        {
            return "[" + string.Join(", ", list.Select(entry => Value(name, entry, replacements))) + "]";
        }

        if (value.SS is { Count: > 0 } strings)
        {
            return "<" + string.Join(", ", strings.Select(entry => Normalise(entry, replacements)).Order(StringComparer.Ordinal)) + ">";
        }

        return value.BOOL is { } flag ? flag.ToString(CultureInfo.InvariantCulture) : value.NULL == true ? "null" : "{}";
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex("[0-9a-fA-F]{32,}")]
    private static partial Regex LongHex();
}
