using System.Globalization;
using System.Text.Json.Nodes;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// Reads a query-protocol form body back into a JSON value shaped like the operation's input, following the
/// protocol's naming (lists as Name.member.N, maps as Name.entry.N.key/value or their locationNames), so
/// the same validator checks it. Parameters the shape does not know are reported.
/// </summary>
public sealed class QueryForm(ServiceModel model)
{
    public static Dictionary<string, string> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            result[key] = Uri.UnescapeDataString(equals < 0 ? string.Empty : pair[(equals + 1)..]);
        }

        return result;
    }

    /// <summary>The parameters as a value of <paramref name="inputShape"/>, plus names nothing consumed.</summary>
    public (JsonObject Value, IReadOnlyList<string> Unknown) Read(IReadOnlyDictionary<string, string> parameters, string inputShape)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var consumed = new HashSet<string>(StringComparer.Ordinal) { "Action", "Version" };
        var value = (JsonObject)Build(string.Empty, inputShape, parameters, consumed)!;
        return (value, [.. parameters.Keys.Where(k => !consumed.Contains(k))]);
    }

    private JsonNode? Build(string prefix, string shapeName, IReadOnlyDictionary<string, string> parameters, HashSet<string> consumed)
    {
        var shape = model.Shape(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                var structure = new JsonObject();
                foreach (var member in shape.GetProperty("members").EnumerateObject())
                {
                    var key = prefix.Length == 0 ? member.Name : $"{prefix}.{member.Name}";
                    if (parameters.Keys.Any(k => k == key || k.StartsWith(key + ".", StringComparison.Ordinal)))
                    {
                        structure[member.Name] = Build(key, member.Value.GetProperty("shape").GetString()!, parameters, consumed);
                    }
                }

                return structure;
            case "list":
                var list = new JsonArray();
                var memberShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
                for (var i = 1; parameters.Keys.Any(k => k == $"{prefix}.member.{i}" || k.StartsWith($"{prefix}.member.{i}.", StringComparison.Ordinal)); i++)
                {
                    list.Add(Build($"{prefix}.member.{i}", memberShape, parameters, consumed));
                }

                return list;
            case "map":
                var map = new JsonObject();
                var keyName = LocationName(shape.GetProperty("key"), "key");
                var valueName = LocationName(shape.GetProperty("value"), "value");
                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                for (var i = 1; parameters.ContainsKey($"{prefix}.entry.{i}.{keyName}"); i++)
                {
                    var entryKey = $"{prefix}.entry.{i}.{keyName}";
                    consumed.Add(entryKey);
                    map[parameters[entryKey]] = Build($"{prefix}.entry.{i}.{valueName}", valueShape, parameters, consumed);
                }

                return map;
            default:
                if (!parameters.TryGetValue(prefix, out var text))
                {
                    return null;
                }

                consumed.Add(prefix);
                return shape.GetProperty("type").GetString() switch
                {
                    "integer" or "long" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                    "boolean" when text is "true" or "false" => JsonValue.Create(text == "true"),
                    _ => JsonValue.Create(text),
                };
        }
    }

    private static string LocationName(System.Text.Json.JsonElement reference, string fallback) =>
        reference.TryGetProperty("locationName", out var name) ? name.GetString()! : fallback;
}
