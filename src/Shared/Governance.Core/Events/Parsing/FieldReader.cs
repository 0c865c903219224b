using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Reads the fields of one JSON object, keeping the first problem met as a reason naming the field's path.
/// Required values must be present and well formed; optional values may be absent, null or empty (all three occur
/// in AWS events) and are then null. Readers of nested objects share their parent's problem, so the first problem
/// anywhere in the document is the one reported; once recorded, later reads return defaults.
/// </summary>
internal sealed class FieldReader
{
    private readonly Problem _problem;
    private readonly string _path;

    public FieldReader(JsonElement json, string path)
        : this(json, path, new Problem())
    {
    }

    private FieldReader(JsonElement json, string path, Problem problem)
    {
        Json = json;
        _path = path;
        _problem = problem;
    }

    public JsonElement Json { get; }

    /// <summary>The first problem met, here or in a nested reader, or null.</summary>
    public string? Error => _problem.First;

    public void Fail(string reason) => _problem.First ??= reason;

    /// <summary>A reader for a nested value that reports into the same problem.</summary>
    public FieldReader Child(JsonElement json, string name) => new(json, PathOf(name), _problem);

    public string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    /// <summary>The value of <paramref name="name"/> unless absent or null.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        JsonProperties.TryFind(Json, name, out value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredString(string name)
    {
        if (!JsonProperties.TryFind(Json, name, out var value))
        {
            Fail($"{PathOf(name)} is missing");
            return string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"{PathOf(name)} is {JsonProperties.Describe(value.ValueKind)}, expected a string");
            return string.Empty;
        }

        var text = ReadText(value, name);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Fail($"{PathOf(name)} is empty");
        }

        return text ?? string.Empty;
    }

    /// <summary>
    /// A string, or an array holding exactly one string: with a duplicated key whose last value is an array (the
    /// AWS model package sample repeats <c>source</c>), last-wins parsing leaves the array.
    /// </summary>
    public string RequiredStringOrSingleton(string name)
    {
        if (JsonProperties.TryFind(Json, name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() != 1 || value[0].ValueKind != JsonValueKind.String)
            {
                Fail($"{PathOf(name)} is an array of {value.GetArrayLength()} values, expected one string");
                return string.Empty;
            }

            return Child(value, name).RequiredElementString(0);
        }

        return RequiredString(name);
    }

    /// <summary>
    /// A string, or the text of a number or boolean (producers disagree on such types); null when absent, null,
    /// empty, or an object or array (the raw detail keeps those).
    /// </summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => ReadText(value, name) is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public Arn RequiredArn(string name, ArnRule rule)
    {
        var text = RequiredString(name);
        return Error is null ? CheckArn(name, text, rule) ?? Placeholder : Placeholder;
    }

    public Arn? OptionalArn(string name, ArnRule rule)
    {
        var text = OptionalString(name);
        return text is null ? null : CheckArn(name, text, rule);
    }

    public T RequiredToken<T>(string name, TokenSet<T> tokens)
        where T : struct, Enum
    {
        var text = RequiredString(name);
        return Error is null ? MatchToken(name, text, tokens) ?? default : default;
    }

    public T? OptionalToken<T>(string name, TokenSet<T> tokens)
        where T : struct, Enum
    {
        var text = OptionalString(name);
        return text is null ? null : MatchToken(name, text, tokens);
    }

    /// <summary>An integer sent as <c>3</c>, <c>16.0</c> or <c>"1"</c>; anything else present is a problem.</summary>
    public int? OptionalInteger(string name)
    {
        if (!TryGet(name, out var value) || (value.ValueKind == JsonValueKind.String && value.ValueEquals(string.Empty)))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && IsInt(number))
        {
            return (int)number;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(ReadText(value, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Fail($"{PathOf(name)} {Shown(value, name)} is not an integer");
        return null;
    }

    /// <summary>A boolean sent as <c>true</c> or as the string <c>"true"</c> (CloudTrail); null when absent.</summary>
    public bool? OptionalBoolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(ReadText(value, name), out var parsed):
                return parsed;
            default:
                Fail($"{PathOf(name)} {Shown(value, name)} is not a boolean");
                return null;
        }
    }

    public DateTimeOffset RequiredTime(string name)
    {
        if (!JsonProperties.TryFind(Json, name, out var value))
        {
            Fail($"{PathOf(name)} is missing");
            return default;
        }

        return ReadTime(name, value) ?? default;
    }

    public DateTimeOffset? OptionalTime(string name) =>
        TryGet(name, out var value) && !(value.ValueKind == JsonValueKind.String && value.ValueEquals(string.Empty))
            ? ReadTime(name, value)
            : null;

    /// <summary>The raw value (already a clone when the reader walks a cloned detail); null when absent or null.</summary>
    public JsonElement? OptionalElement(string name) => TryGet(name, out var value) ? value : null;

    /// <summary>A nested object's reader; null when absent, null or not an object.</summary>
    public FieldReader? OptionalObject(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.Object ? Nested(name, value) : null;

    public FieldReader RequiredObject(string name)
    {
        if (!JsonProperties.TryFind(Json, name, out var value))
        {
            Fail($"{PathOf(name)} is missing");
        }
        else if (value.ValueKind != JsonValueKind.Object)
        {
            Fail($"{PathOf(name)} is {JsonProperties.Describe(value.ValueKind)}, expected an object");
        }
        else
        {
            return Nested(name, value);
        }

        return Child(default, name);
    }

    /// <summary>An array of strings; empty when absent or null. Other element types are a problem.</summary>
    public IReadOnlyList<string> OptionalStringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail($"{PathOf(name)} is {JsonProperties.Describe(value.ValueKind)}, expected an array of strings");
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail($"{PathOf(name)}[{index}] is {JsonProperties.Describe(item.ValueKind)}, expected a string");
                return [];
            }

            if (ReadText(item, $"{name}[{index}]") is { } text)
            {
                items.Add(text);
            }

            index++;
        }

        return items;
    }

    private string RequiredElementString(int index)
    {
        var text = ReadText(Json[index], $"[{index}]") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail($"{_path}[{index}] is empty");
        }

        return text;
    }

    private static readonly Arn Placeholder = new("aws", "none", string.Empty, string.Empty, "none");

    private FieldReader Nested(string name, JsonElement value) => Child(value, name);

    private string? ReadText(JsonElement value, string name)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Fail($"{PathOf(name)} is not valid text (an escaped UTF-16 surrogate is unpaired)");
            return null;
        }
    }

    private Arn? CheckArn(string name, string text, ArnRule rule)
    {
        if (!Arn.TryParse(text, out var arn, out var problem))
        {
            Fail($"{PathOf(name)} {JsonProperties.Quote(text)} is not an ARN: {problem}");
            return null;
        }

        if (rule.Check(arn) is { } mismatch)
        {
            Fail($"{PathOf(name)} {JsonProperties.Quote(text)} {mismatch}");
            return null;
        }

        return arn;
    }

    private T? MatchToken<T>(string name, string text, TokenSet<T> tokens)
        where T : struct, Enum
    {
        if (tokens.TryMatch(text, out var value))
        {
            return value;
        }

        Fail($"{PathOf(name)} {JsonProperties.Quote(text)} is not one of {tokens.Allowed}");
        return null;
    }

    private DateTimeOffset? ReadTime(string name, JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            Fail($"{PathOf(name)} is {JsonProperties.Describe(value.ValueKind)}, expected a timestamp");
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? ReadText(value, name) : null;
        if (value.ValueKind == JsonValueKind.String && text is null)
        {
            return null;
        }

        var parsed = value.ValueKind == JsonValueKind.Number
            ? Timestamps.TryRead(value, out var fromNumber) ? fromNumber : (DateTimeOffset?)null
            : Timestamps.TryParse(text, out var fromText) ? fromText : null;
        if (parsed is null)
        {
            Fail($"{PathOf(name)} {Shown(value, name)} is not a timestamp");
        }

        return parsed;
    }

    private string Shown(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => ReadText(value, name) is { } text ? JsonProperties.Quote(text) : "(undecodable text)",
        JsonValueKind.Number => JsonProperties.Quote(value.GetRawText()),
        _ => $"({JsonProperties.Describe(value.ValueKind)})",
    };

    private static bool IsInt(double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && number is >= int.MinValue and <= int.MaxValue;

    private sealed class Problem
    {
        public string? First { get; set; }
    }
}
