using Governance.Core.Notifications;
using Governance.Core.Policy.Rules;

namespace Governance.Core.Monitors;

/// <summary>
/// The monitors' configuration (<c>config/monitors.json</c>): Config-rule severities, who may deploy, who may
/// approve, and which buckets are governed. Load it with <see cref="MonitorSettingsLoader"/>.
/// </summary>
public sealed class MonitorSettings
{
    private readonly IReadOnlyList<(GlobPattern Pattern, Severity Severity)> _ruleSeverities;
    private readonly IReadOnlyList<GlobPattern> _deploymentRoles;
    private readonly IReadOnlyList<GlobPattern> _approvers;
    private readonly IReadOnlyList<GlobPattern> _governedBuckets;

    /// <param name="ruleSeverities">Config rule name (or pattern with <c>*</c>) → severity; exact names win over patterns, earlier patterns over later.</param>
    /// <param name="deploymentRoles">IAM role ARN patterns allowed to create and update endpoints.</param>
    /// <param name="approvers">Principal ARN patterns (roles or users) allowed to change a model version's approval status.</param>
    /// <param name="governedBuckets">S3 bucket name patterns whose API calls are audited.</param>
    /// <param name="scopes">Where out-of-band actions are alerts; only the central account when null.</param>
    public MonitorSettings(
        Severity defaultSeverity,
        IReadOnlyList<KeyValuePair<string, Severity>> ruleSeverities,
        IReadOnlyList<string> deploymentRoles,
        IReadOnlyList<string> approvers,
        IReadOnlyList<string> governedBuckets,
        AlertScopes? scopes = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSeverities);
        ArgumentNullException.ThrowIfNull(deploymentRoles);
        ArgumentNullException.ThrowIfNull(approvers);
        ArgumentNullException.ThrowIfNull(governedBuckets);
        DefaultSeverity = defaultSeverity;
        _ruleSeverities = [.. ruleSeverities
            .OrderBy(entry => entry.Key.Contains('*', StringComparison.Ordinal) ? 1 : 0)
            .Select(entry => (new GlobPattern(entry.Key), entry.Value))];
        _deploymentRoles = [.. deploymentRoles.Select(pattern => new GlobPattern(pattern))];
        _approvers = [.. approvers.Select(pattern => new GlobPattern(pattern))];
        _governedBuckets = [.. governedBuckets.Select(pattern => new GlobPattern(pattern))];
        Scopes = scopes ?? AlertScopes.CentralOnly;
    }

    /// <summary>Where out-of-band actions are alerts, and how severe by stage.</summary>
    public AlertScopes Scopes { get; }

    /// <summary>The deployment machinery whose changes are recorded, and who may change it.</summary>
    public DeploymentMachinery ChangeManagement { get; init; } = DeploymentMachinery.None;

    public Severity DefaultSeverity { get; }

    public Severity SeverityOf(string configRuleName)
    {
        ArgumentNullException.ThrowIfNull(configRuleName);
        foreach (var (pattern, severity) in _ruleSeverities)
        {
            if (pattern.IsMatch(configRuleName))
            {
                return severity;
            }
        }

        return DefaultSeverity;
    }

    /// <summary>True when any of the caller's ARNs (principal, session issuer, role) matches a deployment role pattern.</summary>
    public bool IsDeploymentRole(IEnumerable<string> callerArns) => AnyMatch(_deploymentRoles, callerArns);

    /// <summary>True when any of the caller's ARNs matches an approver pattern.</summary>
    public bool IsApprover(IEnumerable<string> callerArns) => AnyMatch(_approvers, callerArns);

    /// <summary>True when an IAM role ARN is one the monitors rely on (a deployment role or an approver).</summary>
    public bool IsGovernedRole(string roleArn) => IsDeploymentRole([roleArn]) || IsApprover([roleArn]);

    public bool IsGovernedBucket(string bucketName)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        return GlobPattern.AnyMatch(_governedBuckets, bucketName);
    }

    private static bool AnyMatch(IReadOnlyList<GlobPattern> patterns, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Any(value => GlobPattern.AnyMatch(patterns, value));
    }
}
