using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace Governance.Aws.SageMaker;

/// <summary>
/// Lenient reads of a DescribeModelPackage document: absent, null or oddly typed members are absent.
/// </summary>
internal static class DescriptionJson
{
    public static JsonElement? Member(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null
            ? member
            : null;

    public static JsonElement? Object(JsonElement? owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement? owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static string? String(JsonElement? owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? Boolean(JsonElement? owner, string name) => Member(owner, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public static IReadOnlyList<string>? Strings(JsonElement? owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.Array } value
            ? [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : null;

    public static ReadOnlyDictionary<string, string> StringMap(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    map[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return map.AsReadOnly();
    }

    public static int? Integer(JsonElement owner, string name) => Member(owner, name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var value) && value % 1 == 0 && value is >= 0 and <= int.MaxValue => (int)value,
        { ValueKind: JsonValueKind.String } text when int.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    /// <summary>SageMaker responses give epoch seconds; events give ISO-8601 strings, sometimes with 9 fractional digits.</summary>
    public static DateTimeOffset? Timestamp(JsonElement owner, string name)
    {
        switch (Member(owner, name))
        {
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var seconds):
                return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            case { ValueKind: JsonValueKind.String } text:
                var value = text.GetString() ?? string.Empty;
                var dot = value.IndexOf('.', StringComparison.Ordinal);
                if (dot >= 0)
                {
                    var end = dot + 1;
                    while (end < value.Length && char.IsAsciiDigit(value[end]))
                    {
                        end++;
                    }

                    if (end - dot - 1 > 7)
                    {
                        value = value[..(dot + 8)] + value[end..];
                    }
                }

                return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }
}
