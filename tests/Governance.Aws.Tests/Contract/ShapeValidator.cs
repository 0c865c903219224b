using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// Validates a JSON value against a shape of a service model: member names and types, required members,
/// enums, length and count bounds, numeric ranges and patterns (matched whole, as AWS does).
/// </summary>
public sealed class ShapeValidator(ServiceModel model)
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    /// <summary>Patterns written in Java regex dialect that .NET cannot compile as they are; see <see cref="Translate"/>.</summary>
    public static IReadOnlyCollection<string> UntranslatablePatterns => [.. Patterns.Where(p => p.Value is null).Select(p => p.Key)];

    public IReadOnlyList<string> Validate(JsonNode? value, string shape)
    {
        var errors = new List<string>();
        Check(value, shape, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, string shapeName, string path, List<string> errors)
    {
        var shape = model.Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        if (value is null)
        {
            errors.Add($"{path}: null is not a {type}");
            return;
        }

        switch (type)
        {
            case "structure":
                CheckStructure(value, shape, shapeName, path, errors);
                break;
            case "list":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected a list ({shapeName})");
                    return;
                }

                Bounds(shape, array.Count, path, "entries", errors);
                var member = shape.GetProperty("member").GetProperty("shape").GetString()!;
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], member, $"{path}[{i}]", errors);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    errors.Add($"{path}: expected a map ({shapeName})");
                    return;
                }

                Bounds(shape, map.Count, path, "entries", errors);
                var keyShape = shape.GetProperty("key").GetProperty("shape").GetString()!;
                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                foreach (var (key, entry) in map)
                {
                    Check(JsonValue.Create(key), keyShape, $"{path}.<key {key}>", errors);
                    Check(entry, valueShape, $"{path}.{key}", errors);
                }

                break;
            case "string":
                CheckString(value, shape, shapeName, path, errors);
                break;
            case "integer" or "long":
                if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<long>(out var whole))
                {
                    errors.Add($"{path}: expected an {type} ({shapeName})");
                    return;
                }

                Bounds(shape, whole, path, "as value", errors);
                break;
            case "double" or "float":
                if (value is not JsonValue real || real.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected a {type} ({shapeName})");
                }

                break;
            case "boolean":
                if (value is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean ({shapeName})");
                }

                break;
            case "timestamp":
                if (value is not JsonValue time || time.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected epoch seconds ({shapeName})");
                }

                break;
            case "blob":
                if (value is not JsonValue blob || !blob.TryGetValue<string>(out var base64) || !IsBase64(base64))
                {
                    errors.Add($"{path}: expected base64 ({shapeName})");
                }

                break;
            default:
                errors.Add($"{path}: shape type {type} is not supported by the validator");
                break;
        }
    }

    private void CheckStructure(JsonNode value, JsonElement shape, string shapeName, string path, List<string> errors)
    {
        if (value is not JsonObject structure)
        {
            errors.Add($"{path}: expected a structure ({shapeName})");
            return;
        }

        var members = shape.GetProperty("members");
        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!structure.ContainsKey(name))
                {
                    errors.Add($"{path}: required member {name} is missing ({shapeName})");
                }
            }
        }

        foreach (var (name, member) in structure)
        {
            if (!members.TryGetProperty(name, out var definition))
            {
                errors.Add($"{path}: {name} is not a member of {shapeName}");
                continue;
            }

            Check(member, definition.GetProperty("shape").GetString()!, $"{path}.{name}", errors);
        }
    }

    private static void CheckString(JsonNode value, JsonElement shape, string shapeName, string path, List<string> errors)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var s))
        {
            errors.Add($"{path}: expected a string ({shapeName})");
            return;
        }

        Bounds(shape, s.Length, path, "characters", errors);
        if (shape.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(e => e.GetString() == s))
        {
            errors.Add($"{path}: '{s}' is not a value of enum {shapeName}");
        }

        if (shape.TryGetProperty("pattern", out var pattern) && Compile(pattern.GetString()!) is { } regex && !regex.IsMatch(s))
        {
            errors.Add($"{path}: '{s}' does not match {shapeName} pattern {pattern.GetString()}");
        }
    }

    private static void Bounds(JsonElement shape, long actual, string path, string unit, List<string> errors)
    {
        if (shape.TryGetProperty("min", out var min) && actual < min.GetInt64())
        {
            errors.Add($"{path}: {actual} {unit}, under the minimum {min.GetInt64()}");
        }

        if (shape.TryGetProperty("max", out var max) && actual > max.GetInt64())
        {
            errors.Add($"{path}: {actual} {unit}, over the maximum {max.GetInt64()}");
        }
    }

    private static Regex? Compile(string pattern) =>
        Patterns.GetOrAdd(pattern, static p =>
        {
            try
            {
                return new Regex("^(?:" + Translate(p) + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                return null;
            }
        });

    /// <summary>Java regex idioms in the models rewritten for .NET: \_ , \p{Alnum}, surrogate-pair ranges.</summary>
    public static string Translate(string javaPattern)
    {
        ArgumentNullException.ThrowIfNull(javaPattern);
        return javaPattern
            .Replace(@"\_", "_", StringComparison.Ordinal)
            .Replace(@"\p{Alnum}", "a-zA-Z0-9", StringComparison.Ordinal)
            .Replace(@"\uD800\uDC00-\uDBFF\uDFFF", @"\uD800-\uDFFF", StringComparison.Ordinal);
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    public static string Describe(IReadOnlyList<string> errors) => string.Join(Environment.NewLine, errors.Select(e => e.ToString(CultureInfo.InvariantCulture)));
}
