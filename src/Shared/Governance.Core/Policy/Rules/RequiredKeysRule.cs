using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>Required keys with non-empty (and optionally allowed) values: used for tags and for customer metadata.</summary>
public sealed class RequiredKeysRule : IPolicyRule
{
    private readonly IReadOnlyList<string> keys;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> allowedValues;
    private readonly string singular;
    private readonly string plural;
    private readonly Func<ModelPackage, IReadOnlyDictionary<string, string>> select;

    private RequiredKeysRule(
        string id,
        RequiredKeysOptions options,
        string singular,
        string plural,
        Func<ModelPackage, IReadOnlyDictionary<string, string>> select)
    {
        Id = id;
        Mode = options.Mode;
        keys = options.Keys;
        allowedValues = options.AllowedValues ?? new Dictionary<string, IReadOnlyList<string>>();
        this.singular = singular;
        this.plural = plural;
        this.select = select;
    }

    public string Id { get; }

    public RuleMode Mode { get; }

    public static RequiredKeysRule ForTags(RequiredKeysOptions options) =>
        new(RuleIds.RequiredTags, options, "tag", "tags", package => package.Tags);

    public static RequiredKeysRule ForCustomerMetadata(RequiredKeysOptions options) =>
        new(RuleIds.RequiredCustomerMetadata, options, "customer metadata property", "customer metadata properties", package => package.CustomerMetadata);

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        var present = select(package);
        var findings = new List<string>();

        var missing = keys.Where(key => !present.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            findings.Add(missing.Count == 1
                ? singular + " " + Wording.Quote(missing[0]) + " is missing"
                : plural + " " + Wording.Quoted(missing) + " are missing");
        }

        foreach (var key in missing)
        {
            var nearly = present.Keys.FirstOrDefault(candidate => string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase));
            if (nearly is not null)
            {
                findings.Add(singular + " " + Wording.Quote(nearly) + " is present, but keys are case-sensitive and the policy requires " + Wording.Quote(key));
            }
        }

        findings.AddRange(keys
            .Where(key => present.TryGetValue(key, out var value) && string.IsNullOrWhiteSpace(value))
            .Select(key => singular + " " + Wording.Quote(key) + " is empty"));

        foreach (var (key, allowed) in allowedValues)
        {
            if (present.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) && !allowed.Contains(value, StringComparer.Ordinal))
            {
                findings.Add(singular + " " + Wording.Quote(key) + " is " + Wording.Quote(value) + ", which is not an allowed value (allowed: " + Wording.List(allowed) + ")");
            }
        }

        if (findings.Count > 0)
        {
            findings.Add("the policy requires " + plural + ": " + Wording.List(keys));
            return new RuleResult(Id, Mode, false, Wording.Sentence(findings));
        }

        var checkedValues = allowedValues.Keys.Where(present.ContainsKey).ToList();
        var explanation = "All required " + plural + " are present: " + Wording.List(keys)
            + (checkedValues.Count > 0 ? "; allowed values hold for " + Wording.List(checkedValues) : string.Empty);
        return new RuleResult(Id, Mode, true, explanation + ".");
    }
}
