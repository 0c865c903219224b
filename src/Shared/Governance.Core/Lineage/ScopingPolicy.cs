using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Governance.Core.Lineage;

/// <summary>One team of <c>config/scoping.json</c>: the accounts it owns and the principals acting for it.</summary>
public sealed record TeamScope(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("accounts")] IReadOnlyList<string> Accounts,
    [property: JsonPropertyName("principals")] IReadOnlyList<string> Principals);

/// <summary>The document <c>config/scoping.json</c> holds (schema: <c>config/scoping.schema.json</c>).</summary>
public sealed record ScopingDocument(
    [property: JsonPropertyName("riskManagers")] IReadOnlyList<string> RiskManagers,
    [property: JsonPropertyName("teams")] IReadOnlyList<TeamScope> Teams);

[JsonSerializable(typeof(ScopingDocument))]
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class ScopingJsonContext : JsonSerializerContext;

/// <summary>
/// Maps callers to what they may read. Principals are IAM role or user ARNs, optionally with <c>*</c>
/// wildcards; a caller signing with an assumed-role session matches its role
/// (<c>arn:aws:sts::A:assumed-role/R/session</c> is <c>arn:aws:iam::A:role/R</c>; role paths are ignored
/// because the session ARN does not carry them, so a principal with both a path and a wildcard is refused: its
/// path could not narrow it). Risk managers see everything; members of teams see their teams' accounts; anyone
/// else is refused.
/// </summary>
public sealed partial class ScopingPolicy
{
    private readonly bool _everyone;
    private readonly IReadOnlyList<Regex> _riskManagers;
    private readonly IReadOnlyList<(TeamScope Team, IReadOnlyList<Regex> Principals)> _teams;

    public ScopingPolicy(ScopingDocument document)
        : this(document, everyone: false)
    {
    }

    private ScopingPolicy(ScopingDocument document, bool everyone)
    {
        ArgumentNullException.ThrowIfNull(document);
        _everyone = everyone;
        _riskManagers = (document.RiskManagers ?? []).Select(Pattern).ToList();
        _teams = (document.Teams ?? [])
            .Select(team => (Validate(team), (IReadOnlyList<Regex>)team.Principals.Select(Pattern).ToList()))
            .ToList();
    }

    /// <summary>
    /// Every caller, identified or not, sees everything: for the command-line tool, which reads the table with
    /// the operator's own AWS credentials, so IAM on the table is what guards it.
    /// </summary>
    public static ScopingPolicy Everyone() => new(new ScopingDocument([], []), everyone: true);

    /// <exception cref="FormatException">The text is not a valid scoping document; the message says what is wrong.</exception>
    public static ScopingPolicy Parse(string json)
    {
        try
        {
            var document = JsonSerializer.Deserialize(json, ScopingJsonContext.Default.ScopingDocument)
                ?? throw new FormatException("the scoping document is null");
            return new ScopingPolicy(document);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"the scoping document is not valid: {exception.Message}", exception);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"the scoping document is not valid: {exception.Message}", exception);
        }
    }

    /// <summary>The caller's scope, or null when the caller is not a risk manager and belongs to no team.</summary>
    public CallerScope? Resolve(CallerIdentity? caller)
    {
        var principal = Canonical(caller?.UserArn);
        if (_everyone)
        {
            return CallerScope.Everything(principal ?? caller?.UserArn ?? "local operator");
        }

        if (principal is null)
        {
            return null;
        }

        if (_riskManagers.Any(pattern => pattern.IsMatch(principal)))
        {
            return CallerScope.Everything(principal);
        }

        var teams = _teams.Where(entry => entry.Principals.Any(pattern => pattern.IsMatch(principal))).Select(entry => entry.Team).ToList();
        return teams.Count == 0
            ? null
            : CallerScope.Accounts(principal, teams.SelectMany(team => team.Accounts), teams.Select(team => team.Name).ToList());
    }

    /// <summary>The IAM identity ARN a caller's ARN stands for, or null when it is not an IAM principal ARN.</summary>
    public static string? Canonical(string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        var match = AssumedRole().Match(arn);
        if (match.Success)
        {
            return $"arn:{match.Groups["partition"].Value}:iam::{match.Groups["account"].Value}:role/{match.Groups["role"].Value}";
        }

        return IamPrincipal().IsMatch(arn) ? WithoutPath(arn) : null;
    }

    private static TeamScope Validate(TeamScope team)
    {
        if (string.IsNullOrWhiteSpace(team.Name) || team.Accounts is null || team.Principals is null)
        {
            throw new ArgumentException("every team needs a name, accounts and principals");
        }

        var bad = team.Accounts.FirstOrDefault(account => !Events.AccountId.IsValid(account));
        return bad is null ? team : throw new ArgumentException($"team '{team.Name}' lists '{bad}', which is not a 12-digit account id");
    }

    private static Regex Pattern(string principal)
    {
        if (string.IsNullOrWhiteSpace(principal) || !principal.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"principal '{principal}' must be an IAM role or user ARN (wildcards '*' allowed)");
        }

        if (principal.Contains('*', StringComparison.Ordinal) && PathedPrincipal().Match(principal) is { Success: true } pathed && pathed.Groups["path"].Success)
        {
            throw new ArgumentException(
                $"principal '{principal}' combines a path with a wildcard: callers sign as assumed-role sessions, whose ARNs carry "
                + "no path, so the path cannot be checked and the pattern would match every role of the account whose name fits; "
                + "name the roles without their path (arn:aws:iam::<account>:role/risk-analyst) or with a name prefix (role/risk-*)");
        }

        var canonical = WithoutPath(principal);
        return new Regex("^" + Regex.Escape(canonical).Replace("\\*", "[^:]*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    private static string WithoutPath(string arn)
    {
        var match = PathedPrincipal().Match(arn);
        return match.Success ? $"{match.Groups["prefix"].Value}{match.Groups["name"].Value}" : arn;
    }

    [GeneratedRegex("^arn:(?<partition>aws[a-z-]*):sts::(?<account>[0-9]{12}):assumed-role/(?<role>[^/]+)/[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AssumedRole();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", RegexOptions.CultureInvariant)]
    private static partial Regex IamPrincipal();

    [GeneratedRegex("^(?<prefix>arn:[^:]+:iam::[^:]*:(role|user)/)(?<path>.*/)?(?<name>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PathedPrincipal();
}
