using Governance.Core.Notifications;

namespace Governance.Core.Monitors;

/// <summary>
/// Where out-of-band actions are alerts (<c>governedScopes</c> in <c>config/monitors.json</c>): the central account,
/// and the team accounts declared with a stage that has a severity (for example production critical, staging
/// warning). Anywhere else (a team's development account) the action is recorded on the audit trail, not alerted.
/// </summary>
public sealed class AlertScopes
{
    /// <summary>The stage name the central account has; its severity is critical unless the file says otherwise.</summary>
    public const string CentralStage = "central";

    private readonly Dictionary<string, string> _accountStages;
    private readonly Dictionary<string, Severity> _stageSeverities;

    /// <param name="accountStages">Team account id → its stage (e.g. <c>production</c>).</param>
    /// <param name="stageSeverities">Stage → the severity of its alerts; a stage not listed raises none.</param>
    public AlertScopes(IReadOnlyDictionary<string, string> accountStages, IReadOnlyDictionary<string, Severity> stageSeverities)
    {
        ArgumentNullException.ThrowIfNull(accountStages);
        ArgumentNullException.ThrowIfNull(stageSeverities);
        _accountStages = new Dictionary<string, string>(accountStages, StringComparer.Ordinal);
        _stageSeverities = new Dictionary<string, Severity>(stageSeverities, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Only the central account is governed.</summary>
    public static AlertScopes CentralOnly { get; } = new(new Dictionary<string, string>(), new Dictionary<string, Severity>());

    /// <summary>The stage of <paramref name="account"/>: <see cref="CentralStage"/>, the declared one, or null when undeclared.</summary>
    public string? StageOf(string account, string centralAccount) =>
        string.Equals(account, centralAccount, StringComparison.Ordinal) ? CentralStage
        : _accountStages.TryGetValue(account, out var stage) ? stage
        : null;

    /// <summary>The severity of an out-of-band action in <paramref name="account"/>, or null when the account is not a governed scope.</summary>
    public Severity? SeverityIn(string account, string centralAccount) => StageOf(account, centralAccount) switch
    {
        null => null,
        CentralStage => _stageSeverities.TryGetValue(CentralStage, out var central) ? central : Severity.Critical,
        var stage => _stageSeverities.TryGetValue(stage, out var severity) ? severity : null,
    };
}
