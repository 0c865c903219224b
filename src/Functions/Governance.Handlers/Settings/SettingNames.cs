namespace Governance.Handlers.Settings;

/// <summary>
/// The settings of the functions and the CLI, by name: the one definition both read (set by template.yaml in
/// Lambda; the environment, <c>.local/env</c> and command-line options for the CLI).
/// </summary>
public static class SettingNames
{
    /// <summary>The governance account's 12-digit id.</summary>
    public const string CentralAccount = "GOVERNANCE_CENTRAL_ACCOUNT";

    /// <summary>The ledger table (also holds effect claims and the outbox).</summary>
    public const string Table = "GOVERNANCE_TABLE";

    /// <summary>The notification topic.</summary>
    public const string TopicArn = "GOVERNANCE_TOPIC_ARN";

    /// <summary>The central model artifact bucket (RegistrySync).</summary>
    public const string ModelBucket = "GOVERNANCE_MODEL_BUCKET";

    /// <summary>Name of the read-only role RegistrySync assumes in team accounts.</summary>
    public const string ReaderRole = "GOVERNANCE_READER_ROLE";

    /// <summary>
    /// ARN of the role RegistrySync copies artifacts as, in a session tagged with the team account (optional: its
    /// own credentials when unset, as in local mode).
    /// </summary>
    public const string CopierRoleArn = "GOVERNANCE_COPIER_ROLE_ARN";

    /// <summary>The Object Lock bucket LedgerAnchor writes the ledger's digests to, and ledger verify reads them from.</summary>
    public const string DigestBucket = "GOVERNANCE_DIGEST_BUCKET";

    /// <summary>The deployed stack's name (the CLI finds its dead-letter queues by it).</summary>
    public const string Stack = "GOVERNANCE_STACK";

    /// <summary>The governance policy file; <c>config/policy.json</c> next to the program by default.</summary>
    public const string PolicyPath = "GOVERNANCE_POLICY_PATH";

    /// <summary>The deployment routing file; <c>config/routing.json</c> by default.</summary>
    public const string RoutingPath = "GOVERNANCE_ROUTING_PATH";

    /// <summary>The monitors' settings file; <c>config/monitors.json</c> by default.</summary>
    public const string MonitorsPath = "GOVERNANCE_MONITORS_PATH";

    /// <summary>Base URL of the lineage API, for links in notifications (optional).</summary>
    public const string QueryApiUrl = "GOVERNANCE_QUERY_API_URL";

    /// <summary>The region of the central registry (the lineage API's location).</summary>
    public const string Region = "AWS_REGION";

    /// <summary>
    /// The Secrets Manager secret (ARN, or name) holding the base64 key (at least 32 bytes) that seals the lineage API's
    /// page tokens; read once at INIT, never passed in plain text.
    /// </summary>
    public const string PageTokenSecretArn = "GOVERNANCE_PAGE_TOKEN_SECRET_ARN";

    /// <summary>The lineage API's scoping file; <c>config/scoping.json</c> by default.</summary>
    public const string ScopingFile = "GOVERNANCE_SCOPING_FILE";

    /// <summary>A file under <c>config/</c> next to the program.</summary>
    public static string DefaultConfigPath(string file) => Path.Combine(AppContext.BaseDirectory, "config", file);
}
