using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Flows;
using Governance.Core.Lineage;
using Governance.Core.Routing;
using Governance.Functions.Tests.Lineage;
using Governance.Functions.Tests.Support;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Governance.Testing.Fuzz;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Reliability;

/// <summary>How one fuzzed invocation ended.</summary>
internal enum FuzzVerdict
{
    Processed,
    Ignored,
    Rejected,
    FlowFailed,
    ClientError,
    Answered,
}

/// <summary>
/// One handler as the fuzzer drives it: the real function in-process over in-memory ports, its log lines kept per
/// invocation. <see cref="InvokeAsync"/> classifies an invocation or explains why it broke the contract: an event
/// function answers a ProcessingResult (with a reason unless processed) or throws its rejection/failure exception
/// with a message, logged at ERROR; the lineage API answers 2xx/4xx JSON, never throws; nothing takes longer than
/// the per-event timeout.
/// </summary>
internal sealed class FuzzHarness
{
    public static readonly TimeSpan PerEventTimeout = TimeSpan.FromSeconds(15);

    private readonly IFunctionHandler _function;
    private readonly FuzzLog _log;

    private FuzzHarness(string handler, IFunctionHandler function, FuzzLog log)
    {
        Handler = handler;
        _function = function;
        _log = log;
    }

    public string Handler { get; }

    public static async Task<FuzzHarness> CreateAsync(string handler)
    {
        var log = new FuzzLog();
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", handler, 512, LogLevel.Information), log, TimeProvider.System).CreateLogger();
        if (handler != HandlerNames.LineageApi)
        {
            var metrics = new LambdaMetrics(new MetricsOptions("MlGovernance", "ml-governance", handler), log, TimeProvider.System);
            return new FuzzHarness(handler, FunctionCatalog.Create(handler, name => TestFunctions.Settings.GetValueOrDefault(name), logger, metrics, new InMemoryPorts()), log);
        }

        var ledger = new InMemoryLedger();
        await LineageDemoLedger.SeedAsync(ledger, CancellationToken.None);
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var api = new LineageApi(
            new LineageService(ledger, new LineageLocation(LineageDemoLedger.CentralAccount, LineageDemoLedger.Region), new InMemoryLocationIndex()),
            ScopingPolicy.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "scoping.json"))),
            new ScopedPageTokens(ScopedPageTokens.DeriveKey(secret, "lineage-api-scope")));
        return new FuzzHarness(handler, new LineageApiFunction(api, logger), log);
    }

    /// <summary>The verdict, or the broken contract as a problem text.</summary>
    public async Task<(FuzzVerdict? Verdict, string? Problem)> InvokeAsync(byte[] payload)
    {
        _log.Clear();
        var context = TestFunctions.Context(Handler);
        using var invocation = LocalInvocation.Begin(context);
        using var timeout = new CancellationTokenSource(PerEventTimeout);
        try
        {
            var response = await _function.HandleAsync(payload, context, timeout.Token).WaitAsync(PerEventTimeout);
            return Handler == HandlerNames.LineageApi ? Answer(response) : Result(response);
        }
        catch (TimeoutException)
        {
            return (null, $"no answer within {PerEventTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (Exception exception) when (Handler != HandlerNames.LineageApi && exception is EventRejectedException or FlowFailedException)
        {
            if (string.IsNullOrWhiteSpace(exception.Message))
            {
                return (null, exception.GetType().Name + " without a message");
            }

            if (!_log.Any("\"level\":\"ERROR\""))
            {
                return (null, exception.GetType().Name + " not logged at ERROR: " + exception.Message);
            }

            return (exception is EventRejectedException ? FuzzVerdict.Rejected : FuzzVerdict.FlowFailed, null);
        }
        catch (Exception exception)
        {
            return (null, "threw " + exception.GetType().FullName + ": " + exception.Message + "\n" + exception.StackTrace);
        }
    }

    /// <summary>The function's raw answer to <paramref name="payload"/>.</summary>
    public async Task<ReadOnlyMemory<byte>> RawAsync(byte[] payload)
    {
        var context = TestFunctions.Context(Handler);
        using var invocation = LocalInvocation.Begin(context);
        return await _function.HandleAsync(payload, context, CancellationToken.None);
    }

    private (FuzzVerdict?, string?) Result(ReadOnlyMemory<byte> response)
    {
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        var outcome = root.GetProperty("outcome").GetString();
        var reason = root.TryGetProperty("reason", out var found) && found.ValueKind == JsonValueKind.String ? found.GetString() : null;
        if (outcome != "processed" && string.IsNullOrWhiteSpace(reason))
        {
            return (null, $"outcome {outcome} without a reason: {Encoding.UTF8.GetString(response.Span)}");
        }

        if (!_log.Any("\"level\":\"INFO\"") && !_log.Any("\"level\":\"WARN\"") && !_log.Any("\"level\":\"ERROR\""))
        {
            return (null, $"outcome {outcome} was not logged");
        }

        return outcome switch
        {
            "processed" => (FuzzVerdict.Processed, null),
            "ignored" => (FuzzVerdict.Ignored, null),
            "failed" or "rejected" => (null, $"outcome {outcome} answered as a success: it must fail the invocation so it reaches the dead-letter queue"),
            _ => (null, "unknown outcome " + outcome),
        };
    }

    private (FuzzVerdict?, string?) Answer(ReadOnlyMemory<byte> response)
    {
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        var status = root.GetProperty("statusCode").GetInt32();
        var body = root.GetProperty("body").GetString() ?? string.Empty;
        try
        {
            JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return (null, $"status {status.ToString(CultureInfo.InvariantCulture)} with a body that is not JSON");
        }

        if (status is >= 400 and < 500)
        {
            return _log.Any("\"level\":\"WARN\"") || _log.Any("\"level\":\"INFO\"")
                ? (FuzzVerdict.ClientError, null)
                : (null, $"status {status.ToString(CultureInfo.InvariantCulture)} not logged");
        }

        return status is >= 200 and < 300 ? (FuzzVerdict.Answered, null) : (null, $"status {status.ToString(CultureInfo.InvariantCulture)}: {body}");
    }

    /// <summary>The log and metric lines of the current invocation.</summary>
    private sealed class FuzzLog : ILineWriter
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public void Clear()
        {
            lock (_gate)
            {
                _lines.Clear();
            }
        }

        public bool Any(string fragment)
        {
            lock (_gate)
            {
                return _lines.Exists(line => line.Contains(fragment, StringComparison.Ordinal));
            }
        }

        public void WriteLine(ReadOnlySpan<byte> utf8Json)
        {
            var line = Encoding.UTF8.GetString(utf8Json);
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }
}

/// <summary>Where each handler's fuzzing starts: the samples of its own routes, and (for the lineage API) real HTTP API requests.</summary>
internal static class FuzzInputs
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> All() =>
        [.. FuzzCorpus.SharedEvents(), .. FuzzCorpus.Fixtures("events"), .. CentralApproval(), .. ApiRequests()];

    public static IReadOnlyList<(string Name, byte[] Bytes)> Own(string handler) => handler switch
    {
        HandlerNames.RegistrySync => [.. FuzzCorpus.SharedEvents("sagemaker-model-package-state-change"), .. FuzzCorpus.Fixtures("events")],
        HandlerNames.DeploymentTrigger => [.. FuzzCorpus.SharedEvents("sagemaker-model-package-state-change"), .. CentralApproval()],
        HandlerNames.PipelineMonitor => FuzzCorpus.SharedEvents(
            "sagemaker-pipeline-execution-status-change", "sagemaker-pipeline-step-status-change", "codepipeline-pipeline-execution-state-change",
            "codepipeline-stage-execution-state-change", "codepipeline-action-execution-state-change"),
        HandlerNames.ComplianceMonitor => FuzzCorpus.SharedEvents("config-rules-compliance-change"),
        HandlerNames.AuditTrail => FuzzCorpus.SharedEvents("cloudtrail-sagemaker", "cloudtrail-other"),
        HandlerNames.LineageApi => ApiRequests(),
        _ => [],
    };

    /// <summary>The approval fixture as the central registry would send it (the shared samples hold no Approved one).</summary>
    private static IReadOnlyList<(string Name, byte[] Bytes)> CentralApproval()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "model-package-approved.json");
        var text = File.ReadAllText(path).Replace("111111111111", TestFunctions.CentralAccount, StringComparison.Ordinal);
        return [("fixture:model-package-approved (central)", Encoding.UTF8.GetBytes(text))];
    }

    /// <summary>HTTP API payload 2.0 requests for every route of the lineage API, by a risk manager, a team lead and nobody.</summary>
    private static IReadOnlyList<(string Name, byte[] Bytes)> ApiRequests()
    {
        var group = LineageDemoLedger.CreditGroup;
        (string Path, Dictionary<string, string>? Query)[] routes =
        [
            ($"/models/{group}", null),
            ($"/models/{group}/versions/1", null),
            ($"/models/{group}/versions/1/timeline", new() { ["limit"] = "5" }),
            ("/endpoints/credit-risk-prod", new() { ["account"] = LineageDemoLedger.CentralAccount, ["region"] = LineageDemoLedger.Region }),
            ("/artifacts", new() { ["uri"] = LineageDemoLedger.SharedDataset }),
            ("/violations", new() { ["status"] = "open" }),
            ("/audit", new() { ["from"] = "2024-01-01T00:00:00Z", ["to"] = "2030-01-01T00:00:00Z" }),
        ];
        string?[] callers = [LineageApiHarness.RiskManager, LineageApiHarness.CreditLead, null];
        return [.. routes.SelectMany(route => callers.Select(caller => (
            "api:GET " + route.Path + " by " + (caller ?? "nobody"),
            LineageApiHarness.Event("GET", route.Path, caller, route.Query))))];
    }
}
