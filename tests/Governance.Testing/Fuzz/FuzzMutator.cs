using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Testing.Fuzz;

/// <summary>The ways <see cref="FuzzMutator"/> breaks an input.</summary>
public enum FuzzKind
{
    Drop,
    Null,
    Retype,
    NumberOutOfRange,
    WrongKind,
    DuplicateKey,
    Truncate,
    InvalidUtf8,
    HugeString,
    DeepNesting,
    SixMegabytes,
}

/// <summary>One mutation: what was done, to which sample; enough to tell a replayed case from the printout.</summary>
public sealed record FuzzCase(int Index, string Sample, IReadOnlyList<FuzzKind> Kinds, byte[] Payload)
{
    public override string ToString() =>
        $"case {Index.ToString(CultureInfo.InvariantCulture)} from {Sample}: {string.Join(" + ", Kinds)} ({Payload.Length.ToString(CultureInfo.InvariantCulture)} bytes)";
}

/// <summary>
/// Deterministic mutations of real inputs: tree edits (drop, null, retype, out-of-range numbers, another event
/// kind's detail-type/source), text edits (duplicate keys, truncation, invalid UTF-8 bytes) and oversized
/// inputs (a 1 MB string, 10,000 levels of nesting, a 6 MB payload). Case <c>i</c> of a seed is always the same
/// bytes, so a failure can be replayed from its index. Oversized kinds are rare: they cost most to build and parse.
/// </summary>
public sealed class FuzzMutator(IReadOnlyList<(string Name, byte[] Bytes)> samples, int seed)
{
    public const int HugeStringLength = 1024 * 1024;
    public const int NestingDepth = 10_000;
    public const int SixMegabytes = 6 * 1024 * 1024;

    /// <summary>Relative weights: cheap kinds often, oversized ones rarely (still dozens in 10,000 cases).</summary>
    private static readonly (FuzzKind Kind, int Weight)[] Weights =
    [
        (FuzzKind.Drop, 20), (FuzzKind.Null, 16), (FuzzKind.Retype, 16), (FuzzKind.NumberOutOfRange, 10), (FuzzKind.WrongKind, 12),
        (FuzzKind.DuplicateKey, 10), (FuzzKind.Truncate, 8), (FuzzKind.InvalidUtf8, 8), (FuzzKind.HugeString, 2), (FuzzKind.DeepNesting, 2),
        (FuzzKind.SixMegabytes, 1),
    ];

    private static readonly string[] DetailTypes =
    [
        "SageMaker Model Package State Change", "SageMaker Model Building Pipeline Execution Status Change",
        "SageMaker Model Building Pipeline Execution Step Status Change", "CodePipeline Pipeline Execution State Change",
        "CodePipeline Stage Execution State Change", "CodePipeline Action Execution State Change", "Config Rules Compliance Change",
        "AWS API Call via CloudTrail", "SageMaker Endpoint State Change", "SageMaker Training Job State Change", "Scheduled Event", "",
    ];

    private static readonly string[] Sources =
    [
        "aws.sagemaker", "aws.codepipeline", "aws.config", "aws.iam", "aws.s3", "aws.events", "custom.team", "", "AWS.SAGEMAKER",
    ];

    private static readonly string[] OutOfRange =
    [
        "1e400", "-1e400", "18446744073709551616", "-9223372036854775809", "99999999999999999999999999999999999999", "1e-400",
        "-0.0", "4.9e-324", "1.7976931348623157e309", "123456789012345678901234567890.5",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80, 0x80, 0x80],
    ];

    private static readonly JsonSerializerOptions Writer = new() { MaxDepth = 1024 };

    private static readonly int TotalWeight = Weights.Sum(weight => weight.Weight);

    /// <summary>Case <paramref name="index"/>: one or two mutations of a sample chosen by the seed.</summary>
    /// <param name="preferred">When given, half the cases start from these samples (a handler's own routes).</param>
    public FuzzCase Case(int index, IReadOnlyList<(string Name, byte[] Bytes)>? preferred = null)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var pool = preferred is { Count: > 0 } && random.Next(2) == 0 ? preferred : samples;
        var (name, bytes) = pool[random.Next(pool.Count)];
        var kinds = new List<FuzzKind> { Pick(random) };
        if (random.Next(4) == 0)
        {
            kinds.Add(Pick(random));
        }

        // At most one oversized mutation per case: two would only multiply the cost.
        if (kinds.Count(IsOversized) > 1)
        {
            kinds.RemoveAt(kinds.Count - 1);
        }

        foreach (var kind in kinds)
        {
            bytes = Apply(bytes, kind, random);
        }

        return new FuzzCase(index, name, kinds, bytes);
    }

    public static bool IsOversized(FuzzKind kind) => kind is FuzzKind.HugeString or FuzzKind.DeepNesting or FuzzKind.SixMegabytes;

    /// <summary>Applies one mutation; inputs that are not JSON (or not editable as a tree) get a byte-level edit instead.</summary>
    public static byte[] Apply(byte[] input, FuzzKind kind, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(random);
        return kind switch
        {
            FuzzKind.Truncate => input.Length == 0 ? input : input[..random.Next(input.Length)],
            FuzzKind.InvalidUtf8 => InsertInvalidUtf8(input, random),
            FuzzKind.DuplicateKey => DuplicateKey(input, random),
            _ => TryTreeEdit(input, kind, random) ?? InsertInvalidUtf8(input, random),
        };
    }

    private static byte[]? TryTreeEdit(byte[] input, FuzzKind kind, Random random)
    {
        try
        {
            return TreeEdit(input, kind, random);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // Duplicate keys, depth beyond the editor's limit or malformed text: JsonNode refuses what the parser must survive.
            return null;
        }
    }

    /// <summary>A JSON value nested <paramref name="depth"/> levels deep (arrays and objects alternating), as text.</summary>
    public static string Nested(int depth)
    {
        var builder = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(i % 2 == 0 ? "[" : "{\"n\":");
        }

        builder.Append("\"leaf\"");
        for (var i = depth - 1; i >= 0; i--)
        {
            builder.Append(i % 2 == 0 ? ']' : '}');
        }

        return builder.ToString();
    }

    private static FuzzKind Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var (kind, weight) in Weights)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return FuzzKind.Drop;
    }

    private static byte[]? TreeEdit(byte[] input, FuzzKind kind, Random random)
    {
        var root = JsonNode.Parse(input, documentOptions: new JsonDocumentOptions { MaxDepth = 1024 });
        if (root is null)
        {
            return null;
        }

        if (kind == FuzzKind.WrongKind && root is JsonObject envelope)
        {
            var member = envelope.ContainsKey("detailType") ? "detailType" : "detail-type";
            envelope[member] = DetailTypes[random.Next(DetailTypes.Length)];
            envelope["source"] = Sources[random.Next(Sources.Length)];
            return Encoding.UTF8.GetBytes(envelope.ToJsonString(Writer));
        }

        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return null;
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        const string marker = "\u0001fuzz-marker\u0001";
        string? raw = null;
        JsonNode? replacement = null;
        switch (kind)
        {
            case FuzzKind.Drop:
                if (parent is JsonObject dropFrom)
                {
                    dropFrom.Remove(key!);
                }
                else
                {
                    ((JsonArray)parent).RemoveAt(index);
                }

                return Encoding.UTF8.GetBytes(root.ToJsonString(Writer));
            case FuzzKind.Null:
                break;
            case FuzzKind.Retype:
                replacement = Retyped(random);
                break;
            case FuzzKind.NumberOutOfRange:
                raw = OutOfRange[random.Next(OutOfRange.Length)];
                break;
            case FuzzKind.HugeString:
                replacement = new string((char)('a' + random.Next(26)), HugeStringLength);
                break;
            case FuzzKind.DeepNesting:
                raw = Nested(NestingDepth);
                break;
            case FuzzKind.SixMegabytes:
                replacement = new string('x', SixMegabytes);
                break;
        }

        if (raw is not null)
        {
            replacement = marker;
        }

        if (parent is JsonObject target)
        {
            target[key!] = replacement;
        }
        else
        {
            ((JsonArray)parent)[index] = replacement;
        }

        var text = root.ToJsonString(Writer);
        if (raw is not null)
        {
            text = text.Replace(JsonSerializer.Serialize(marker), raw, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static JsonNode? Retyped(Random random) => random.Next(10) switch
    {
        0 => 42,
        1 => 16.0,
        2 => "1",
        3 => true,
        4 => new JsonArray("x", 1, null),
        5 => new JsonObject { ["nested"] = "value" },
        6 => "",
        7 => new JsonArray(),
        8 => new JsonObject(),
        _ => "2024-02-30T25:61:61Z",
    };

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    if (value is not null)
                    {
                        Collect(value, slots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } item)
                    {
                        Collect(item, slots);
                    }
                }

                break;
        }
    }

    /// <summary>Puts malformed UTF-8 inside a string value when there is one (else anywhere).</summary>
    private static byte[] InsertInvalidUtf8(byte[] input, Random random)
    {
        var quotes = new List<int>();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'"')
            {
                quotes.Add(i);
            }
        }

        var at = quotes.Count > 0 ? quotes[random.Next(quotes.Count)] + 1 : (input.Length == 0 ? 0 : random.Next(input.Length));
        var bad = BadUtf8[random.Next(BadUtf8.Length)];
        return [.. input.AsSpan(0, at), .. bad, .. input.AsSpan(at)];
    }

    /// <summary>Repeats a property name of the input right after an object's opening brace, with another value.</summary>
    private static byte[] DuplicateKey(byte[] input, Random random)
    {
        var text = Encoding.UTF8.GetString(input);
        var opens = new List<int>();
        for (var i = text.IndexOf('{', StringComparison.Ordinal); i >= 0; i = text.IndexOf('{', i + 1))
        {
            opens.Add(i);
        }

        var names = new List<string>();
        foreach (var part in text.Split("\":", StringSplitOptions.None).SkipLast(1))
        {
            var start = part.LastIndexOf('"');
            if (start >= 0 && part.Length - start - 1 is > 0 and < 64)
            {
                names.Add(part[(start + 1)..]);
            }
        }

        if (opens.Count == 0 || names.Count == 0)
        {
            return InsertInvalidUtf8(input, random);
        }

        string[] values = ["[\"aws.sagemaker\"]", "null", "{}", "\"dup\"", "1.0", "[\"a\",\"b\"]", "true"];
        var insertAt = opens[random.Next(opens.Count)] + 1;
        var separator = text[insertAt..].TrimStart().StartsWith('}') ? string.Empty : ",";
        return Encoding.UTF8.GetBytes(text.Insert(insertAt, $"\"{names[random.Next(names.Count)]}\":{values[random.Next(values.Length)]}{separator}"));
    }
}
