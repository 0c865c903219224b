using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Notifications;

namespace Governance.Core.Monitors;

/// <summary>The document form of <c>config/monitors.json</c> (see <c>config/monitors.schema.json</c>).</summary>
public sealed record MonitorSettingsDocument(
    ComplianceSettingsDocument Compliance,
    IReadOnlyList<string> DeploymentRoles,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string>? GovernedBuckets = null,
    GovernedScopesDocument? GovernedScopes = null,
    ChangeManagementDocument? ChangeManagement = null,
    [property: JsonPropertyName("$schema")] string? Schema = null);

/// <summary>The deployment machinery under change management, and the roles that may change it.</summary>
public sealed record ChangeManagementDocument(
    IReadOnlyList<string>? PlatformRoles = null,
    IReadOnlyList<string>? Pipelines = null,
    IReadOnlyList<string>? BuildProjects = null,
    IReadOnlyList<string>? Stacks = null,
    string? StackTag = null);

/// <summary>Team accounts by stage, and the severity of out-of-band alerts per stage (<c>central</c> for the central account).</summary>
public sealed record GovernedScopesDocument(IReadOnlyDictionary<string, string>? Accounts = null, IReadOnlyDictionary<string, string>? Severities = null);

public sealed record ComplianceSettingsDocument(string DefaultSeverity, IReadOnlyDictionary<string, string>? RuleSeverities = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(MonitorSettingsDocument))]
public sealed partial class MonitorSettingsJsonContext : JsonSerializerContext;

/// <summary>Reads <c>config/monitors.json</c>; every problem is reported with the setting it concerns.</summary>
public static class MonitorSettingsLoader
{
    /// <exception cref="FormatException">The document is not valid JSON or breaks a rule; the message says where.</exception>
    public static MonitorSettings Load(string json, string source = "monitors.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        MonitorSettingsDocument document;
        try
        {
            using var parsed = JsonDocument.Parse(json, StrictJson.Options);
            document = parsed.RootElement.Deserialize(MonitorSettingsJsonContext.Default.MonitorSettingsDocument)
                ?? throw new FormatException(source + ": the document is null");
        }
        catch (JsonException exception)
        {
            throw new FormatException(source + ": " + exception.Message, exception);
        }

        var errors = new List<string>();
        var defaultSeverity = ParseSeverity(document.Compliance.DefaultSeverity, "compliance.defaultSeverity", errors);
        var rules = new List<KeyValuePair<string, Severity>>();
        foreach (var (rule, severity) in document.Compliance.RuleSeverities ?? new Dictionary<string, string>())
        {
            RequireText(rule, "compliance.ruleSeverities key", errors);
            rules.Add(new(rule, ParseSeverity(severity, "compliance.ruleSeverities." + rule, errors)));
        }

        CheckPatterns(document.DeploymentRoles, "deploymentRoles", errors);
        CheckPatterns(document.Approvers, "approvers", errors);
        CheckPatterns(document.GovernedBuckets ?? [], "governedBuckets", errors);
        var scopes = Scopes(document.GovernedScopes, errors);
        var change = document.ChangeManagement ?? new ChangeManagementDocument();
        CheckPatterns(change.PlatformRoles ?? [], "changeManagement.platformRoles", errors);
        CheckPatterns(change.Pipelines ?? [], "changeManagement.pipelines", errors);
        CheckPatterns(change.BuildProjects ?? [], "changeManagement.buildProjects", errors);
        CheckPatterns(change.Stacks ?? [], "changeManagement.stacks", errors);
        if (change.StackTag is not null)
        {
            RequireText(change.StackTag, "changeManagement.stackTag", errors);
        }

        if (errors.Count > 0)
        {
            throw new FormatException(source + ": " + string.Join("; ", errors));
        }

        return new MonitorSettings(defaultSeverity, rules, document.DeploymentRoles, document.Approvers, document.GovernedBuckets ?? [], scopes)
        {
            ChangeManagement = new DeploymentMachinery(
                change.PlatformRoles ?? [], change.Pipelines ?? [], change.BuildProjects ?? [], change.Stacks ?? [], change.StackTag ?? DeploymentMachinery.DefaultStackTag),
        };
    }

    private static AlertScopes Scopes(GovernedScopesDocument? document, List<string> errors)
    {
        var severities = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (stage, severity) in document?.Severities ?? new Dictionary<string, string>())
        {
            RequireText(stage, "governedScopes.severities key", errors);
            severities[stage] = ParseSeverity(severity, "governedScopes.severities." + stage, errors);
        }

        var accounts = document?.Accounts ?? new Dictionary<string, string>();
        foreach (var (account, stage) in accounts)
        {
            if (!Events.AccountId.IsValid(account))
            {
                errors.Add("governedScopes.accounts key '" + account + "' must be a 12-digit account id");
            }

            RequireText(stage, "governedScopes.accounts." + account, errors);
        }

        return new AlertScopes(accounts, severities);
    }

    private static Severity ParseSeverity(string text, string path, List<string> errors)
    {
        switch (text)
        {
            case "info":
                return Severity.Info;
            case "warning":
                return Severity.Warning;
            case "critical":
                return Severity.Critical;
            default:
                errors.Add(path + " must be info, warning or critical, not '" + text + "'");
                return Severity.Warning;
        }
    }

    private static void CheckPatterns(IReadOnlyList<string> patterns, string path, List<string> errors)
    {
        for (var index = 0; index < patterns.Count; index++)
        {
            RequireText(patterns[index], path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", errors);
        }
    }

    private static void RequireText(string value, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path + " must not be empty");
        }
    }
}
