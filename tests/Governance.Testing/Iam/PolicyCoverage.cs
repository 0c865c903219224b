using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Governance.Testing.Iam;

/// <summary>
/// Whether resolved identity policies allow an action on a resource ARN, by IAM's matching rules for Action
/// and Resource (case-insensitive actions, <c>*</c> and <c>?</c> wildcards, an explicit Deny wins). Conditions
/// are not evaluated; callers check them apart. This is where resource scoping is checked for the services moto
/// evaluates against <c>*</c> (see <see cref="MotoPolicyProjection"/>).
/// </summary>
public sealed class PolicyCoverage(IEnumerable<JsonObject> statements)
{
    private readonly IReadOnlyList<JsonObject> _statements = [.. statements ?? throw new ArgumentNullException(nameof(statements))];

    public static PolicyCoverage Of(TemplateRole role) => new((role ?? throw new ArgumentNullException(nameof(role))).Statements);

    public bool Allows(string action, string resource)
    {
        var allowed = false;
        foreach (var statement in _statements)
        {
            if (!Matches(statement["Action"].Strings(), action, ignoreCase: true) || !Matches(statement["Resource"].Strings(), resource, ignoreCase: false))
            {
                continue;
            }

            if ((string?)statement["Effect"] == "Deny")
            {
                return false;
            }

            allowed = true;
        }

        return allowed;
    }

    /// <summary>Every action the statements grant (as written, wildcards included).</summary>
    public IReadOnlySet<string> GrantedActions() =>
        _statements.Where(statement => (string?)statement["Effect"] == "Allow").SelectMany(statement => statement["Action"].Strings()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool Matches(IReadOnlyList<string> patterns, string value, bool ignoreCase) =>
        patterns.Any(pattern => Regex.IsMatch(
            value,
            "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)));
}
