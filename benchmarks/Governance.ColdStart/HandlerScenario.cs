using Governance.Handlers.Settings;

namespace Governance.ColdStart;

/// <summary>
/// How one function is started: its Handler setting, the environment it checks at INIT (as template.yaml sets
/// it), an event it answers without calling AWS (the ignore path) with the text its response must contain, and an
/// event whose first delivery does real work through the AWS adapters against the local organisation.
/// </summary>
/// <param name="Payload">A file under Payloads/.</param>
/// <param name="ExpectedInResponse">Proves the handler itself answered (not an error path).</param>
/// <param name="Why">Why the event reaches no AWS service, for the report.</param>
/// <param name="RealWork">What the real-work event does, for the report.</param>
/// <param name="RealWorkPayload">A file under Payloads/ with RUN-ID placeholders, or null when the event comes from the organisation.</param>
public sealed record HandlerScenario(
    string Handler,
    string FunctionName,
    IReadOnlyDictionary<string, string> Environment,
    string Payload,
    string ExpectedInResponse,
    string Why,
    string RealWork,
    string? RealWorkPayload,
    string ExpectedFromRealWork)
{
    private const string CentralAccount = "123456789012";
    private const string Ignored = "\"outcome\":\"ignored\"";
    private const string Processed = "\"outcome\":\"processed\"";

    // Every function: what Globals in template.yaml gives it.
    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        // Lambda sets both; boto3 reads the second.
        ["AWS_REGION"] = "us-east-1",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "cold-start",
        ["AWS_SECRET_ACCESS_KEY"] = "cold-start",
        ["POWERTOOLS_SERVICE_NAME"] = "governance",
        ["POWERTOOLS_METRICS_NAMESPACE"] = "Governance",
        [SettingNames.CentralAccount] = CentralAccount,
        [SettingNames.Table] = "governance-ledger",
        [SettingNames.TopicArn] = $"arn:aws:sns:us-east-1:{CentralAccount}:governance-notifications",
    };

    public static IReadOnlyList<HandlerScenario> All { get; } =
    [
        new("RegistrySync", "governance-registry-sync",
            With(new() { [SettingNames.ModelBucket] = "governance-models", [SettingNames.ReaderRole] = "governance-reader" }),
            "model-package-team-pending.json", Ignored,
            "team-account model package still PendingManualApproval: routing ignores it (only Approved is synced)",
            "first sync of a compliant team package: assume the reader role, describe it, copy its 3 artifacts (checksums), create the central package, ledger, notify",
            null, Processed),
        new("DeploymentTrigger", "governance-deployment-trigger", With([]),
            "model-package-central-pending.json", Ignored,
            "central model package PendingManualApproval: routing ignores it (only Approved/Rejected trigger)",
            "risk manager approves the package synced in the same round: ledger read, start the SageMaker pipeline, record the execution, notify",
            null, Processed),
        new("PipelineMonitor", "governance-pipeline-monitor", With([]),
            "sagemaker-training-job-completed.json", Ignored,
            "SageMaker Training Job State Change: not a pipeline event, routing ignores it",
            "SageMaker pipeline execution Succeeded (a new execution): ledger reads, execution node and chained record",
            "real-pipeline-execution-succeeded.json", Processed),
        new("ComplianceMonitor", "governance-compliance-monitor", With([]),
            "config-configuration-item-change.json", Ignored,
            "Config Configuration Item Change: not a rules compliance change, routing ignores it",
            "Config rule NON_COMPLIANT for a new SageMaker endpoint: deployment-graph lookup, violation opened in the ledger",
            "real-config-non-compliant.json", Processed),
        new("AuditTrail", "governance-audit-trail", With([]),
            "cloudtrail-ec2-run-instances.json", Ignored,
            "CloudTrail ec2 RunInstances: not a governed service, routing ignores it",
            "CloudTrail CreateModel (a new model): audit record and deployment-graph node in the ledger",
            "real-cloudtrail-create-model.json", Processed),
        new("LineageApi", "governance-lineage-api",
            // INIT reads the page-token key from Secrets Manager: the local organisation's secret (NeedsEmulator).
            With(new() { [SettingNames.ScopingFile] = "config/scoping.json" }),
            "http-api-violations-bad-status.json", "\"statusCode\":400",
            "GET /violations?status=resolved by a risk manager: answered 400 before any ledger query",
            "GET /violations?status=open by a risk manager: a Query on the ledger's violation index, 200",
            "real-http-api-violations-open.json", "\"statusCode\":200"),
    ];

    /// <summary>One scenario by handler name (case-insensitive), or every one for <c>all</c>.</summary>
    public static IReadOnlyList<HandlerScenario> Select(string handler) =>
        handler.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? All
            : [All.FirstOrDefault(scenario => scenario.Handler.Equals(handler, StringComparison.OrdinalIgnoreCase))
               ?? throw new InvalidOperationException($"unknown handler {handler}: one of {string.Join(", ", All.Select(s => s.Handler))} or all")];

    /// <summary>The environment with <paramref name="overrides"/> (the local organisation's settings) on top.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        environment["_HANDLER"] = Handler;
        return environment;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> own)
    {
        var environment = new Dictionary<string, string>(Common, StringComparer.Ordinal);
        foreach (var (name, value) in own)
        {
            environment[name] = value;
        }

        return environment;
    }
}
