using Governance.Core.Events;
using Governance.Core.Flows;
using Governance.Core.Lineage;
using Governance.Core.Monitors;
using Governance.Core.Policy;
using Governance.Core.Routing;

namespace Governance.Handlers.Settings;

/// <summary>What every event-driven function writes to: the central account, the ledger table and the notification topic.</summary>
public sealed record LedgerOptions(string CentralAccount, string Table, string TopicArn, string? QueryApiUrl)
{
    internal static LedgerOptions Read(SettingsReader reader, string handler) => new(
        reader.Account(SettingNames.CentralAccount),
        reader.Required(SettingNames.Table, "the ledger table"),
        reader.Required(SettingNames.TopicArn, "the notification topic ARN"),
        reader.Optional(SettingNames.QueryApiUrl));
}

/// <summary>
/// RegistrySync's settings: the ledger, the central model bucket, the team accounts' reader role, the policy, and
/// the artifact copier role (null: copies run on the function's own credentials).
/// </summary>
public sealed record RegistrySyncOptions(LedgerOptions Ledger, string ModelBucket, string ReaderRole, PolicyEvaluator Policy, string? CopierRoleArn)
{
    /// <exception cref="SettingsException">A setting is missing or malformed, or the policy does not validate; every problem is listed.</exception>
    public static RegistrySyncOptions Read(Func<string, string?> settings)
    {
        var reader = new SettingsReader(settings, HandlerNames.RegistrySync);
        var ledger = LedgerOptions.Read(reader, HandlerNames.RegistrySync);
        var bucket = reader.Required(SettingNames.ModelBucket, "the central model bucket");
        var role = reader.Required(SettingNames.ReaderRole, "the name of the team accounts' reader role");
        var copier = reader.RoleArn(SettingNames.CopierRoleArn);
        var policy = reader.File(SettingNames.PolicyPath, "policy.json", (json, source) => new PolicyEvaluator(PolicyLoader.Load(json, source)));
        reader.ThrowIfInvalid();
        return new RegistrySyncOptions(ledger, bucket, role, policy!, copier);
    }
}

/// <summary>DeploymentTrigger's settings: the ledger and the deployment routing.</summary>
public sealed record DeploymentTriggerOptions(LedgerOptions Ledger, DeploymentRouting Routing)
{
    /// <exception cref="SettingsException">A setting is missing or malformed, or the routing does not validate; every problem is listed.</exception>
    public static DeploymentTriggerOptions Read(Func<string, string?> settings)
    {
        var reader = new SettingsReader(settings, HandlerNames.DeploymentTrigger);
        var ledger = LedgerOptions.Read(reader, HandlerNames.DeploymentTrigger);
        var routing = reader.File(SettingNames.RoutingPath, "routing.json", DeploymentRouting.Load);
        reader.ThrowIfInvalid();
        return new DeploymentTriggerOptions(ledger, routing!);
    }
}

/// <summary>
/// A monitor's settings (PipelineMonitor, ComplianceMonitor, AuditTrail): the ledger and the monitors' settings file,
/// whose change management learns from the routing file, when one ships, which routes each pipeline serves.
/// </summary>
public sealed record MonitorOptions(LedgerOptions Ledger, MonitorSettings Monitors)
{
    /// <exception cref="SettingsException">A setting is missing or malformed, or the monitors' settings do not validate; every problem is listed.</exception>
    public static MonitorOptions Read(Func<string, string?> settings, string handler)
    {
        var reader = new SettingsReader(settings, handler);
        var ledger = LedgerOptions.Read(reader, handler);
        var monitors = reader.File(SettingNames.MonitorsPath, "monitors.json", MonitorSettingsLoader.Load);
        var routing = reader.OptionalFile(SettingNames.RoutingPath, "routing.json", DeploymentRouting.Load);
        reader.ThrowIfInvalid();
        if (routing is not null)
        {
            monitors!.ChangeManagement.WithRoutes(routing.Routes.Select(route => (route.Name, route.Target.PipelineName)));
        }

        return new MonitorOptions(ledger, monitors!);
    }
}

/// <summary>LedgerAnchor's settings (and <c>governance ledger anchor</c>'s): the ledger table and the Object Lock digest bucket.</summary>
public sealed record LedgerAnchorOptions(string Table, string DigestBucket)
{
    /// <exception cref="SettingsException">A setting is missing; every problem is listed.</exception>
    public static LedgerAnchorOptions Read(Func<string, string?> settings)
    {
        var reader = new SettingsReader(settings, HandlerNames.LedgerAnchor);
        var table = reader.Required(SettingNames.Table, "the ledger table");
        var bucket = reader.Required(SettingNames.DigestBucket, "the Object Lock digest bucket");
        reader.ThrowIfInvalid();
        return new LedgerAnchorOptions(table, bucket);
    }
}

/// <summary>
/// The lineage API's settings: the ledger table, where the central registry lives (account, region), the Secrets
/// Manager secret holding the page-token key (read at INIT by <see cref="PageTokenKey"/>) and the scoping file
/// (relative paths are resolved against the program's folder).
/// </summary>
public sealed record LineageApiOptions(string Table, LineageLocation Location, string PageTokenSecretId, ScopingPolicy Scoping)
{
    /// <exception cref="SettingsException">A setting is missing or malformed, or the scoping file does not validate; every problem is listed.</exception>
    public static LineageApiOptions Read(Func<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? Setting(string name) =>
            name == SettingNames.ScopingFile && settings(name)?.Trim() is { Length: > 0 } path && !Path.IsPathRooted(path)
                ? Path.Combine(AppContext.BaseDirectory, path)
                : settings(name);
        var reader = new SettingsReader(Setting, HandlerNames.LineageApi);
        var table = reader.Required(SettingNames.Table, "the ledger table");
        var central = reader.Account(SettingNames.CentralAccount);
        var region = reader.Required(SettingNames.Region, "the region of the central model registry");
        var secret = reader.Required(SettingNames.PageTokenSecretArn, "the Secrets Manager secret holding the page-token key");
        var scoping = reader.File(SettingNames.ScopingFile, "scoping.json", (json, _) => ScopingPolicy.Parse(json));
        LineageLocation? location = null;
        if (AccountId.IsValid(central) && region.Length > 0)
        {
            try
            {
                location = new LineageLocation(central, region);
            }
            catch (ArgumentException exception)
            {
                reader.Problem($"{SettingNames.Region}: {exception.Message}");
            }
        }

        reader.ThrowIfInvalid();
        return new LineageApiOptions(table, location!, secret, scoping!);
    }
}
