using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Aws.Ledger;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Lineage;

/// <summary>
/// One moto-backed ledger table seeded with <see cref="LineageDemoLedger"/> (once per moto server) and the
/// LineageApi function built from configuration over it, invoked with HTTP API payload 2.0 events.
/// </summary>
internal sealed class LineageApiHarness
{
    public const string RiskManager = "arn:aws:sts::123456789012:assumed-role/model-risk-manager/alex.smith@example.com";
    public const string CreditLead = "arn:aws:sts::111122223333:assumed-role/ml-lead/jane.doe@example.com";
    public const string FraudLead = "arn:aws:sts::444455556666:assumed-role/ml-lead/kim@example.com";
    public const string Stranger = "arn:aws:sts::111122223333:assumed-role/data-scientist/bob@example.com";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<Uri, string> Tables = [];
    private static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private LineageApiHarness(IFunctionHandler function, string table, IAmazonDynamoDB dynamo)
    {
        Function = function;
        Table = table;
        Dynamo = dynamo;
    }

    public IFunctionHandler Function { get; }

    public string Table { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public static async Task<LineageApiHarness> CreateAsync(MotoServer moto)
    {
        var dynamo = Client(moto);
        return Over(dynamo, await SeededTableAsync(moto, dynamo), RepositoryRoot.Combine("config", "scoping.json"));
    }

    /// <summary>The function built from configuration over a given table, central account 123456789012 in us-east-1.</summary>
    public static LineageApiHarness Over(IAmazonDynamoDB dynamo, string table, string scopingFile)
    {
        var variables = new Dictionary<string, string>
        {
            [SettingNames.Table] = table,
            [SettingNames.CentralAccount] = LineageDemoLedger.CentralAccount,
            [SettingNames.Region] = LineageDemoLedger.Region,
            [SettingNames.PageTokenSecretArn] = "governance-page-token-key",
            [SettingNames.ScopingFile] = scopingFile,
        };
        var logger = new PowertoolsLoggerProvider(new LoggerOptions("ml-governance", "LineageApi", 512, LogLevel.Warning), new LineCapture(), TimeProvider.System).CreateLogger();
        // The key the secret would hold (reading it at INIT is PageTokenKeyMotoTests' subject).
        var function = LineageApiFunction.Create(LineageApiOptions.Read(name => variables.GetValueOrDefault(name)), Convert.FromBase64String(Secret), dynamo, logger);
        return new LineageApiHarness(function, table, dynamo);
    }

    public static IAmazonDynamoDB Client(MotoServer moto) => new AmazonDynamoDBClient(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    public static byte[] Event(string method, string path, string? caller, IReadOnlyDictionary<string, string>? query = null)
    {
        var context = new JsonObject
        {
            ["accountId"] = LineageDemoLedger.CentralAccount,
            ["apiId"] = "a1b2c3",
            ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "10.0.0.1", ["userAgent"] = "tests" },
            ["requestId"] = Guid.NewGuid().ToString(),
            ["routeKey"] = $"{method} {path}",
            ["stage"] = "$default",
        };
        if (caller is not null)
        {
            context["authorizer"] = new JsonObject
            {
                ["iam"] = new JsonObject
                {
                    ["accessKey"] = "ASIAEXAMPLE",
                    ["accountId"] = caller.Split(':')[4],
                    ["callerId"] = "AROAEXAMPLE:session",
                    ["cognitoIdentity"] = null,
                    ["principalOrgId"] = "o-example",
                    ["userArn"] = caller,
                    ["userId"] = "AROAEXAMPLE:session",
                },
            };
        }

        var payload = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{method} {path}",
            ["rawPath"] = path,
            ["rawQueryString"] = query is null ? string.Empty : string.Join('&', query.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}")),
            ["headers"] = new JsonObject { ["host"] = "a1b2c3.execute-api.us-east-1.amazonaws.com" },
            ["requestContext"] = context,
            ["isBase64Encoded"] = false,
        };
        if (query is not null)
        {
            var parameters = new JsonObject();
            foreach (var (key, value) in query)
            {
                parameters[key] = value;
            }

            payload["queryStringParameters"] = parameters;
        }

        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    public Task<Answer> GetAsync(string path, string? caller, params (string Key, string Value)[] query) =>
        InvokeAsync(Event("GET", path, caller, query.Length == 0 ? null : query.ToDictionary(pair => pair.Key, pair => pair.Value)));

    public async Task<Answer> InvokeAsync(byte[] payload)
    {
        var context = TestFunctions.Context("LineageApi");
        using var invocation = LocalInvocation.Begin(context);
        var response = await Function.HandleAsync(payload, context, CancellationToken.None);
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        Assert.Equal("application/json", root.GetProperty("headers").GetProperty("content-type").GetString());
        using var body = JsonDocument.Parse(root.GetProperty("body").GetString()!);
        return new Answer(root.GetProperty("statusCode").GetInt32(), body.RootElement.Clone());
    }

    /// <summary>Follows <c>next</c> until the last page, returning each page's body.</summary>
    public async Task<IReadOnlyList<JsonElement>> PagesAsync(string path, string caller, params (string Key, string Value)[] query)
    {
        var pages = new List<JsonElement>();
        string? next = null;
        do
        {
            var answer = await GetAsync(path, caller, next is null ? query : [.. query, ("next", next)]);
            Assert.Equal(200, answer.Status);
            pages.Add(answer.Body);
            next = answer.Body.GetProperty("next").GetString();
        }
        while (next is not null && pages.Count < 50);

        return pages;
    }

    private static async Task<string> SeededTableAsync(MotoServer moto, IAmazonDynamoDB dynamo)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Tables.TryGetValue(moto.Endpoint, out var table))
            {
                table = MotoServer.UniqueName("lineage");
                await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
                await LineageDemoLedger.SeedAsync(new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System), CancellationToken.None);
                Tables[moto.Endpoint] = table;
            }

            return table;
        }
        finally
        {
            Gate.Release();
        }
    }

    internal sealed record Answer(int Status, JsonElement Body)
    {
        public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

        public string? Parameter => Body.TryGetProperty("parameter", out var parameter) ? parameter.GetString() : null;
    }
}
