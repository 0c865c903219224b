using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Registry;

namespace Governance.Core.Policy;

/// <summary>
/// Checks a policy document before it is bound, collecting every problem with its JSON path.
/// The constraints here are the ones <c>config/policy.schema.json</c> states (tests keep the two in agreement),
/// plus one the schema can only annotate: <c>groupNaming.pattern</c> must compile as a .NET regular expression.
/// </summary>
public sealed partial class PolicyValidator
{
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;
    public const int MaxRegistryLength = 255;
    public const int MaxRepositoryLength = 256;
    public const int MaxBucketLength = 63;

    private static readonly string[] TopLevel = ["$schema", "version", "description", "centralTags", "rules"];
    private static readonly string[] Modes = ["block", "warn"];
    private static readonly string[] SectionNames = Enum.GetNames<MetricSection>();

    private readonly List<PolicyError> errors = [];

    private PolicyValidator()
    {
    }

    public static IReadOnlyList<PolicyError> Validate(JsonElement root)
    {
        var validator = new PolicyValidator();
        validator.ValidateRoot(root);
        return validator.errors;
    }

    /// <summary>Compiles a group naming pattern as the evaluator will use it.</summary>
    public static Regex CompileGroupPattern(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));

    private void ValidateRoot(JsonElement root)
    {
        if (!ExpectObject("$", root, "the policy"))
        {
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevel.Contains(property.Name, StringComparer.Ordinal))
            {
                Add(Child("$", property.Name), "unknown property; a policy has only " + Quoted(TopLevel));
            }
        }

        if (!root.TryGetProperty("version", out var version))
        {
            Add("$", "\"version\" is required; this service reads version " + PolicyDocument.CurrentVersion.ToString(CultureInfo.InvariantCulture));
        }
        else if (version.ValueKind != JsonValueKind.Number || !version.TryGetDouble(out var number) || number != PolicyDocument.CurrentVersion)
        {
            Add("$.version", Show(version) + " is not a supported version; this service reads version "
                + PolicyDocument.CurrentVersion.ToString(CultureInfo.InvariantCulture));
        }

        if (root.TryGetProperty("$schema", out var schema))
        {
            ExpectString(Child("$", "$schema"), schema, allowEmpty: false);
        }

        if (root.TryGetProperty("description", out var description))
        {
            ExpectString("$.description", description, allowEmpty: true);
        }

        if (root.TryGetProperty("centralTags", out var centralTags))
        {
            KeyList("$.centralTags", centralTags);
        }

        if (!root.TryGetProperty("rules", out var rules))
        {
            Add("$", "\"rules\" is required");
            return;
        }

        ValidateRules(rules);
    }

    private void ValidateRules(JsonElement rules)
    {
        if (!ExpectObject("$.rules", rules, "\"rules\""))
        {
            return;
        }

        if (!rules.EnumerateObject().Any())
        {
            Add("$.rules", "no rule is enabled; enable at least one of " + Quoted(RuleIds.All));
            return;
        }

        foreach (var rule in rules.EnumerateObject())
        {
            var path = Child("$.rules", rule.Name);
            switch (rule.Name)
            {
                case RuleIds.RequiredTags:
                    ValidateRule(path, rule.Value, ("keys", true, KeyList), ("allowedValues", false, AllowedValues));
                    break;
                case RuleIds.RequiredCustomerMetadata:
                    ValidateRule(path, rule.Value, ("keys", true, KeyList), ("allowedValues", false, AllowedValues));
                    break;
                case RuleIds.RequiredMetrics:
                    ValidateRule(path, rule.Value, ("sections", true, SectionList));
                    break;
                case RuleIds.ImageRegistries:
                    ValidateRule(path, rule.Value, ("registries", true, RegistryList));
                    break;
                case RuleIds.ImageRepositories:
                    ValidateRule(path, rule.Value, ("repositories", true, RepositoryList));
                    break;
                case RuleIds.ImageDigest:
                    ValidateRule(path, rule.Value);
                    break;
                case RuleIds.ArtifactBuckets:
                    ValidateRule(path, rule.Value, ("buckets", true, BucketList));
                    break;
                case RuleIds.ArtifactOwnership:
                    ValidateRule(path, rule.Value, ("allowedBuckets", false, BucketList), ("allowedRegistries", false, RegistryList));
                    break;
                case RuleIds.GroupNaming:
                    ValidateRule(path, rule.Value, ("pattern", true, GroupPattern), ("description", false, Description));
                    break;
                default:
                    Add(path, "unknown rule \"" + rule.Name + "\"" + Suggestion(rule.Name) + "; known rules: " + string.Join(", ", RuleIds.All));
                    break;
            }
        }
    }

    private void ValidateRule(string path, JsonElement rule, params (string Name, bool Required, Action<string, JsonElement> Check)[] options)
    {
        if (!ExpectObject(path, rule, "a rule"))
        {
            return;
        }

        string[] allowed = ["mode", .. options.Select(option => option.Name)];
        foreach (var property in rule.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Add(Child(path, property.Name), "unknown option; this rule takes " + Quoted(allowed));
            }
        }

        if (!rule.TryGetProperty("mode", out var mode))
        {
            Add(path, "\"mode\" is required: \"block\" stops the model, \"warn\" lets it through with a warning");
        }
        else if (mode.ValueKind != JsonValueKind.String || !Modes.Contains(mode.GetString(), StringComparer.Ordinal))
        {
            Add(path + ".mode", Show(mode) + " is not a mode; use \"block\" or \"warn\"");
        }

        foreach (var (name, required, check) in options)
        {
            if (rule.TryGetProperty(name, out var value))
            {
                check(Child(path, name), value);
            }
            else if (required)
            {
                Add(path, "\"" + name + "\" is required");
            }
        }
    }

    private void KeyList(string path, JsonElement value) =>
        StringList(path, value, "key", item => KeyProblem(item, MaxKeyLength));

    private void SectionList(string path, JsonElement value) =>
        StringList(path, value, "section", item => SectionNames.Contains(item, StringComparer.Ordinal)
            ? null
            : "is not a ModelMetrics section; use one of " + string.Join(", ", SectionNames));

    private void RegistryList(string path, JsonElement value) =>
        StringList(path, value, "registry pattern", item => PatternProblem(item, MaxRegistryLength, RegistryPattern(), "lower-case letters, digits, '.', '-', ':' and '*'"));

    private void RepositoryList(string path, JsonElement value) =>
        StringList(path, value, "repository pattern", item => PatternProblem(item, MaxRepositoryLength, RepositoryPattern(), "lower-case letters, digits, '.', '_', '-', '/' and '*'"));

    private void BucketList(string path, JsonElement value) =>
        StringList(path, value, "bucket pattern", item => PatternProblem(item, MaxBucketLength, BucketPattern(), "lower-case letters, digits, '.', '-' and '*'"));

    private void AllowedValues(string path, JsonElement value)
    {
        if (!ExpectObject(path, value, "\"allowedValues\""))
        {
            return;
        }

        if (!value.EnumerateObject().Any())
        {
            Add(path, "is empty; list allowed values for at least one key, or leave \"allowedValues\" out");
        }

        foreach (var entry in value.EnumerateObject())
        {
            var entryPath = Child(path, entry.Name);
            if (KeyProblem(entry.Name, MaxKeyLength) is { } problem)
            {
                Add(entryPath, "key \"" + entry.Name + "\" " + problem);
            }

            StringList(entryPath, entry.Value, "value", item => KeyProblem(item, MaxValueLength));
        }
    }

    private void GroupPattern(string path, JsonElement value)
    {
        if (!ExpectString(path, value, allowEmpty: false))
        {
            return;
        }

        try
        {
            CompileGroupPattern(value.GetString()!);
        }
        catch (ArgumentException exception)
        {
            Add(path, Show(value) + " is not a valid regular expression: " + exception.Message);
        }
    }

    private void Description(string path, JsonElement value) => ExpectString(path, value, allowEmpty: false);

    private void StringList(string path, JsonElement value, string noun, Func<string, string?> itemProblem)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(path, "must be a list of " + noun + "s, not " + Kind(value));
            return;
        }

        if (value.GetArrayLength() == 0)
        {
            Add(path, "the list is empty; name at least one " + noun + ", or leave the option out to disable the rule");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            index++;
            if (item.ValueKind != JsonValueKind.String)
            {
                Add(itemPath, "must be a " + noun + " (a string), not " + Kind(item));
                continue;
            }

            var text = item.GetString()!;
            if (itemProblem(text) is { } problem)
            {
                Add(itemPath, Show(item) + " " + problem);
            }
            else if (!seen.Add(text))
            {
                Add(itemPath, Show(item) + " appears more than once");
            }
        }
    }

    private static string? KeyProblem(string text, int maxLength) =>
        text.Length == 0 ? "is empty"
        : text.Length > maxLength ? "is longer than " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters"
        : KeyCharacters().IsMatch(text) ? null
        : "has characters AWS does not allow in tags and metadata (use letters, digits, spaces and _ . : / = + - @)";

    private static string? PatternProblem(string text, int maxLength, Regex pattern, string allowed) =>
        text.Length == 0 ? "is empty"
        : text.Length > maxLength ? "is longer than " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters"
        : pattern.IsMatch(text) ? null
        : "is not a valid pattern; use " + allowed;

    private bool ExpectObject(string path, JsonElement value, string what)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Add(path, what + " must be a JSON object, not " + Kind(value));
        return false;
    }

    private bool ExpectString(string path, JsonElement value, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(path, "must be a string, not " + Kind(value));
            return false;
        }

        if (!allowEmpty && value.GetString()!.Length == 0)
        {
            Add(path, "must not be empty");
            return false;
        }

        return true;
    }

    private void Add(string path, string message) => errors.Add(new PolicyError(path, message));

    private static string Suggestion(string name)
    {
        var best = RuleIds.All
            .Select(known => (known, distance: Distance(name.ToUpperInvariant(), known.ToUpperInvariant())))
            .MinBy(candidate => candidate.distance);
        return best.distance <= 3 ? " (did you mean \"" + best.known + "\"?)" : string.Empty;
    }

    private static int Distance(string left, string right)
    {
        var previous = Enumerable.Range(0, right.Length + 1).ToArray();
        for (var i = 1; i <= left.Length; i++)
        {
            var current = new int[right.Length + 1];
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var cost = left[i - 1] == right[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[right.Length];
    }

    internal static string Child(string path, string name) =>
        IdentifierName().IsMatch(name) ? path + "." + name : path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => "\"" + name + "\""));

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? JsonSerializer.Serialize(value.GetString(), PolicyJsonContext.Default.String)
        : value.GetRawText();

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierName();

    // The schema's portable form of AWS's [\p{L}\p{Z}\p{N}_.:/=+\-@]: no control characters and none of the other ASCII punctuation.
    [GeneratedRegex(@"^[^\u0000-\u001f\u007f!""#$%&'()*,;<>?\[\\\]^`{|}~]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyCharacters();

    [GeneratedRegex(@"^[a-z0-9*][a-z0-9.\-:*]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9*][a-z0-9._/\-*]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[a-z0-9*][a-z0-9.\-*]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();
}
