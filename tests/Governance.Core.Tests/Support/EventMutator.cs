using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Governance.Core.Tests.Support;

public enum MutationKind
{
    Drop,
    Null,
    Retype,
    HugeString,
    Unicode,
    DeepNesting,
    OddTimestamp,
    Truncate,
    RandomBytes,
    UnpairedSurrogate,
    DuplicateKey,
    SwapEnvelopeForm,
}

/// <summary>One mutation of one sample; applied deterministically so a failing case can be replayed.</summary>
public sealed record Mutation(int Sample, MutationKind Kind, int Target, int Seed, int Repeat);

/// <summary>Applies <see cref="Mutation"/>s to real event samples: tree edits through JsonNode, byte and text edits.</summary>
public static partial class EventMutator
{
    private static readonly JsonSerializerOptions DeepWriter = new() { MaxDepth = 4096 };

    private static readonly string[] UnicodeValues =
    [
        "Ünïcødé ✓ 模型 包", "😀🚀👩‍👩‍👧‍👦", "\u202Eevil\u202C", "\u0000nul", "line\u2028sep", "e\u0301\u0301\u0301", "\uFEFFbom", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ];

    private static readonly JsonNode?[] OddTimestamps =
    [
        "2022-03-02T00: 09: 06Z", "2022-02-30T00:00:00Z", "9999-12-31T23:59:59.9999999-14:00", "0001-01-01T00:00:00+14:00",
        "1583831889050", "-1", "1e308", "", 1e308, -1e308, 0, 1592411992203.0, 253402300800000, -62135596800001,
        "2022-12-03T00:09:44.893854735123456789Z", "2024-01-01T00:00:00.Z", true, new JsonArray(), new JsonObject(),
    ];

    public static byte[] Apply(byte[] sample, Mutation mutation)
    {
        var random = new Random(mutation.Seed);
        var bytes = sample;
        for (var i = 0; i < Math.Max(1, mutation.Repeat); i++)
        {
            var kind = i == 0 ? mutation.Kind : (MutationKind)random.Next(Enum.GetValues<MutationKind>().Length);
            bytes = ApplyOne(bytes, kind, mutation.Target + i, random);
        }

        return bytes;
    }

    private static byte[] ApplyOne(byte[] bytes, MutationKind kind, int target, Random random) => kind switch
    {
        MutationKind.Truncate => bytes[..(bytes.Length == 0 ? 0 : target % bytes.Length)],
        MutationKind.RandomBytes => RandomBytes(bytes, random),
        MutationKind.UnpairedSurrogate => Text(bytes, text => InsertInString(text, target, random.Next(2) == 0 ? "\\ud800" : "\\udc00x")),
        MutationKind.DuplicateKey => Text(bytes, text => DuplicateKey(text, target, random)),
        MutationKind.SwapEnvelopeForm => Text(bytes, text => SwapForm(text, random)),
        _ => TreeEditOrBytes(bytes, kind, target, random),
    };

    private static byte[] TreeEditOrBytes(byte[] bytes, MutationKind kind, int target, Random random)
    {
        try
        {
            return TreeEdit(bytes, kind, target, random);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not editable as a tree (broken JSON, duplicate keys or unpaired surrogates JsonNode refuses): edit bytes.
            return RandomBytes(bytes, random);
        }
    }

    private static byte[] TreeEdit(byte[] bytes, MutationKind kind, int target, Random random)
    {
        var root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 });
        List<(JsonNode? Parent, string? Key, int Index)> slots = [(null, null, -1)];
        Collect(root, slots);

        var (parent, key, index) = slots[target % slots.Count];
        if (kind == MutationKind.Drop)
        {
            switch (parent)
            {
                case JsonObject obj:
                    obj.Remove(key!);
                    break;
                case JsonArray array:
                    array.RemoveAt(index);
                    break;
                default:
                    return [];
            }
        }
        else
        {
            var replacement = Replacement(kind, random);
            switch (parent)
            {
                case JsonObject obj:
                    obj[key!] = replacement;
                    break;
                case JsonArray array:
                    array[index] = replacement;
                    break;
                default:
                    root = replacement;
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(root?.ToJsonString(DeepWriter) ?? "null");
    }

    private static JsonNode? Replacement(MutationKind kind, Random random) => kind switch
    {
        MutationKind.Null => null,
        MutationKind.Retype => random.Next(9) switch
        {
            0 => 42,
            1 => 16.0,
            2 => "1",
            3 => true,
            4 => new JsonArray("x", 1, null),
            5 => new JsonObject { ["nested"] = "value" },
            6 => -0.000001,
            7 => "",
            _ => long.MaxValue,
        },
        MutationKind.HugeString => new string((char)random.Next('a', 'z' + 1), random.Next(3) switch { 0 => 1_000, 1 => 100_000, _ => 1_000_000 }),
        MutationKind.Unicode => UnicodeValues[random.Next(UnicodeValues.Length)],
        MutationKind.DeepNesting => Nest(random.Next(1, 200), random.Next(2) == 0),
        MutationKind.OddTimestamp => OddTimestamps[random.Next(OddTimestamps.Length)]?.DeepClone(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static JsonNode Nest(int depth, bool arrays)
    {
        JsonNode node = "leaf";
        for (var i = 0; i < depth; i++)
        {
            node = arrays ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string? Key, int Index)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    Collect(value, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    Collect(array[i], slots);
                }

                break;
        }
    }

    private static byte[] RandomBytes(byte[] bytes, Random random)
    {
        var result = new List<byte>(bytes);
        var edits = random.Next(1, 8);
        for (var i = 0; i < edits; i++)
        {
            var position = result.Count == 0 ? 0 : random.Next(result.Count);
            var value = (byte)random.Next(256);
            switch (random.Next(3))
            {
                case 0 when result.Count > 0:
                    result[position] = value;
                    break;
                case 1 when result.Count > 0:
                    result.RemoveAt(position);
                    break;
                default:
                    result.Insert(position, value);
                    break;
            }
        }

        return [.. result];
    }

    private static byte[] Text(byte[] bytes, Func<string, string> edit)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return Encoding.UTF8.GetBytes(edit(text));
    }

    private static string InsertInString(string text, int target, string escape)
    {
        var strings = StringToken().Matches(text);
        if (strings.Count == 0)
        {
            return text;
        }

        var match = strings[target % strings.Count];
        return text.Insert(match.Index + 1, escape);
    }

    private static string DuplicateKey(string text, int target, Random random)
    {
        var names = PropertyName().Matches(text);
        var opens = AllIndexes(text, '{');
        if (names.Count == 0 || opens.Count == 0)
        {
            return text;
        }

        var name = names[target % names.Count].Groups[1].Value;
        string[] values = ["[\"aws.sagemaker\"]", "null", "{}", "\"dup\"", "1.0", "[\"a\",\"b\"]"];
        var insertAt = opens[random.Next(opens.Count)] + 1;
        var separator = text[insertAt..].TrimStart().StartsWith('}') ? string.Empty : ",";
        return text.Insert(insertAt, $"\"{name}\":{values[random.Next(values.Length)]}{separator}");
    }

    private static string SwapForm(string text, Random random) => text.Length == 0 ? text : random.Next(4) switch
    {
        0 => text.Replace("\"detail-type\"", "\"detailType\"", StringComparison.Ordinal),
        1 => text.Replace("\"detailType\"", "\"detail-type\"", StringComparison.Ordinal),
        2 => text.Replace("\"detail\"", "\"Message\"", StringComparison.Ordinal).Insert(1, "\"Type\":\"Notification\","),
        _ => text.Replace("\"eventSource\"", "\"source\"", StringComparison.Ordinal),
    };

    private static List<int> AllIndexes(string text, char c)
    {
        var indexes = new List<int>();
        for (var i = text.IndexOf(c, StringComparison.Ordinal); i >= 0; i = text.IndexOf(c, i + 1))
        {
            indexes.Add(i);
        }

        return indexes;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringToken();

    [GeneratedRegex("\"([A-Za-z-]+)\"\\s*:")]
    private static partial Regex PropertyName();
}
