namespace Governance.ColdStart;

/// <summary>
/// How one function is started: its Handler setting, the environment it checks at INIT (as template.yaml sets
/// it), and an event it answers without calling AWS, with the text its response must contain.
/// </summary>
/// <param name="Payload">A file under Payloads/.</param>
/// <param name="ExpectedInResponse">Proves the handler itself answered (not an error path).</param>
/// <param name="Why">Why the event reaches no AWS service, for the report.</param>
public sealed record HandlerScenario(
    string Handler,
    string FunctionName,
    IReadOnlyDictionary<string, string> Environment,
    string Payload,
    string ExpectedInResponse,
    string Why)
{
    private const string CentralAccount = "123456789012";

    // Every function: what Globals in template.yaml gives it.
    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        ["GOVERNANCE_CENTRAL_ACCOUNT"] = CentralAccount,
        ["GOVERNANCE_TABLE"] = "governance-ledger",
        ["GOVERNANCE_TOPIC_ARN"] = $"arn:aws:sns:us-east-1:{CentralAccount}:governance-notifications",
    };

    private const string Ignored = "\"outcome\":\"ignored\"";

    public static IReadOnlyList<HandlerScenario> All { get; } =
    [
        new("RegistrySync", "governance-registry-sync",
            With(new() { ["GOVERNANCE_MODEL_BUCKET"] = "governance-models", ["GOVERNANCE_READER_ROLE"] = "governance-reader" }),
            "model-package-team-pending.json", Ignored,
            "team-account model package still PendingManualApproval: routing ignores it (only Approved is synced)"),
        new("DeploymentTrigger", "governance-deployment-trigger", With([]),
            "model-package-central-pending.json", Ignored,
            "central model package PendingManualApproval: routing ignores it (only Approved/Rejected trigger)"),
        new("PipelineMonitor", "governance-pipeline-monitor", With([]),
            "sagemaker-training-job-completed.json", Ignored,
            "SageMaker Training Job State Change: not a pipeline event, routing ignores it"),
        new("ComplianceMonitor", "governance-compliance-monitor", With([]),
            "config-configuration-item-change.json", Ignored,
            "Config Configuration Item Change: not a rules compliance change, routing ignores it"),
        new("AuditTrail", "governance-audit-trail", With([]),
            "cloudtrail-ec2-run-instances.json", Ignored,
            "CloudTrail ec2 RunInstances: not a governed service, routing ignores it"),
        new("LineageApi", "governance-lineage-api",
            With(new()
            {
                // 32 zero bytes: any valid secret; the request is refused before a token is sealed.
                ["GOVERNANCE_PAGE_TOKEN_KEY"] = Convert.ToBase64String(new byte[32]),
                ["GOVERNANCE_SCOPING_FILE"] = "config/scoping.json",
            }),
            "http-api-violations-bad-status.json", "\"statusCode\":400",
            "GET /violations?status=resolved by a risk manager: answered 400 before any ledger query"),
    ];

    /// <summary>One scenario by handler name (case-insensitive), or every one for <c>all</c>.</summary>
    public static IReadOnlyList<HandlerScenario> Select(string handler) =>
        handler.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? All
            : [All.FirstOrDefault(scenario => scenario.Handler.Equals(handler, StringComparison.OrdinalIgnoreCase))
               ?? throw new InvalidOperationException($"unknown handler {handler}: one of {string.Join(", ", All.Select(s => s.Handler))} or all")];

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
