using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>Property lookup that prefers an exact match and falls back to an ASCII case-insensitive one.</summary>
internal static class JsonProperties
{
    /// <summary>
    /// Finds <paramref name="name"/> in <paramref name="json"/> (an object). With duplicate keys the last wins, as in
    /// most JSON parsers AWS examples are checked with.
    /// </summary>
    public static bool TryFind(JsonElement json, string name, out JsonElement value)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            value = default;
            return false;
        }

        if (json.TryGetProperty(name, out value))
        {
            return true;
        }

        var found = false;
        foreach (var property in json.EnumerateObject())
        {
            if (Ascii.EqualsIgnoreCase(JsonMarshal.GetRawUtf8PropertyName(property), name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "not a value",
    };

    /// <summary>Quotes a value for a rejection reason: truncated, control characters made visible.</summary>
    public static string Quote(string value)
    {
        const int Limit = 80;
        var shown = value.Length > Limit ? value[..Limit] : value;
        var builder = new StringBuilder(shown.Length + 8).Append('"');
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        builder.Append('"');
        if (value.Length > Limit)
        {
            builder.Append("… (").Append(value.Length).Append(" characters)");
        }

        return builder.ToString();
    }
}
