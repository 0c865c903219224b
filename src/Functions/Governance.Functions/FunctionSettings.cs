using Governance.Core.Events;

namespace Governance.Functions;

/// <summary>Configuration every function reads once, at INIT.</summary>
/// <param name="CentralAccountId">GOVERNANCE_CENTRAL_ACCOUNT: the governance account's id.</param>
public sealed record FunctionSettings(string CentralAccountId)
{
    public const string CentralAccountVariable = "GOVERNANCE_CENTRAL_ACCOUNT";
    public const string TableVariable = "GOVERNANCE_TABLE";
    public const string TopicVariable = "GOVERNANCE_TOPIC_ARN";
    public const string ModelBucketVariable = "GOVERNANCE_MODEL_BUCKET";
    public const string ReaderRoleVariable = "GOVERNANCE_READER_ROLE";
    public const string CopierRoleVariable = "GOVERNANCE_COPIER_ROLE_ARN";
    public const string PolicyPathVariable = "GOVERNANCE_POLICY_PATH";
    public const string RoutingPathVariable = "GOVERNANCE_ROUTING_PATH";
    public const string QueryApiUrlVariable = "GOVERNANCE_QUERY_API_URL";
    public const string MonitorsPathVariable = "GOVERNANCE_MONITORS_PATH";

    /// <summary>GOVERNANCE_TABLE: the ledger table (also holds idempotency records).</summary>
    public string? Table { get; init; }

    /// <summary>GOVERNANCE_TOPIC_ARN: the notification topic.</summary>
    public string? TopicArn { get; init; }

    /// <summary>GOVERNANCE_MODEL_BUCKET: the central model artifact bucket.</summary>
    public string? ModelBucket { get; init; }

    /// <summary>GOVERNANCE_READER_ROLE: name of the read-only role RegistrySync assumes in team accounts.</summary>
    public string? ReaderRole { get; init; }

    /// <summary>GOVERNANCE_COPIER_ROLE_ARN: the role RegistrySync copies artifacts as, tagged per team account; unset: its own credentials.</summary>
    public string? CopierRoleArn { get; init; }

    /// <summary>GOVERNANCE_DIGEST_BUCKET: the Object Lock bucket LedgerAnchor writes digests to.</summary>
    public string? DigestBucket { get; init; }

    /// <summary>GOVERNANCE_POLICY_PATH, else <c>config/policy.json</c> next to the bootstrap.</summary>
    public string PolicyPath { get; init; } = DefaultConfigPath("policy.json");

    /// <summary>GOVERNANCE_ROUTING_PATH, else <c>config/routing.json</c> next to the bootstrap.</summary>
    public string RoutingPath { get; init; } = DefaultConfigPath("routing.json");

    /// <summary>GOVERNANCE_MONITORS_PATH, else <c>config/monitors.json</c> next to the bootstrap.</summary>
    public string MonitorsPath { get; init; } = DefaultConfigPath("monitors.json");

    /// <summary>GOVERNANCE_QUERY_API_URL: base URL of the lineage API, for links in notifications (optional).</summary>
    public string? QueryApiUrl { get; init; }

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed; the message says which.</exception>
    public static FunctionSettings FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var central = variable(CentralAccountVariable)?.Trim();
        if (string.IsNullOrEmpty(central))
        {
            throw new InvalidOperationException($"{CentralAccountVariable} is not set: it must hold the 12-digit id of the governance (central) account");
        }

        if (!AccountId.IsValid(central))
        {
            throw new InvalidOperationException($"{CentralAccountVariable} is \"{central}\": it must be a 12-digit AWS account id");
        }

        var settings = new FunctionSettings(central)
        {
            Table = Value(variable, TableVariable),
            TopicArn = Value(variable, TopicVariable),
            ModelBucket = Value(variable, ModelBucketVariable),
            ReaderRole = Value(variable, ReaderRoleVariable),
            CopierRoleArn = Value(variable, CopierRoleVariable),
            DigestBucket = Value(variable, "GOVERNANCE_DIGEST_BUCKET"),
            QueryApiUrl = Value(variable, QueryApiUrlVariable),
        };
        if (Value(variable, PolicyPathVariable) is { } policy)
        {
            settings = settings with { PolicyPath = policy };
        }

        if (Value(variable, RoutingPathVariable) is { } routing)
        {
            settings = settings with { RoutingPath = routing };
        }

        if (Value(variable, MonitorsPathVariable) is { } monitors)
        {
            settings = settings with { MonitorsPath = monitors };
        }

        return settings;
    }

    /// <summary>The value of a setting a handler needs.</summary>
    /// <exception cref="InvalidOperationException">It is not set; the message names the variable and the handler.</exception>
    public static string Require(string? value, string variable, string handler, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{variable} is not set: {handler} needs {what}")
            : value;

    private static string DefaultConfigPath(string file) => Path.Combine(AppContext.BaseDirectory, "config", file);

    private static string? Value(Func<string, string?> variable, string name) => variable(name)?.Trim() is { Length: > 0 } value ? value : null;
}
