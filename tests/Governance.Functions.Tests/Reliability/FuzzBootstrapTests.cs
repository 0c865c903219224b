using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Testing;
using Governance.Testing.Fuzz;
using Governance.Local.Lambda;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// Malformed input through the real bootstrap process, as Lambda runs it, against a loopback Runtime API and a
/// ledger, topic and buckets on moto_server: a few hundred mutated samples, always including invalid UTF-8,
/// 10,000 levels of nesting and a 6 MB payload. The process must never exit, every invocation must get a response
/// or an error post (of the function's own exception types), and every invocation must show in the logs.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class FuzzBootstrapTests(MotoServer moto, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 4711;
    private static readonly string[] OwnErrors = ["EventRejectedException", "FlowFailedException"];
    private LoopbackRuntimeApi _api = null!;

    private static int Cases => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_FULL") == "1" ? 600 : 150;

    public async Task InitializeAsync() => _api = await LoopbackRuntimeApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [SharedTheory]
    [InlineData(HandlerNames.AuditTrail)]
    [InlineData(HandlerNames.RegistrySync)]
    public async Task Bootstrap_FedMutatedEvents_ShouldAnswerEveryInvocationAndKeepRunning(string handler)
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var logs = new ConcurrentQueue<string>();
        using var bootstrap = Start(handler, bed, logs);
        var clock = Stopwatch.StartNew();
        try
        {
            var payloads = Payloads(handler);
            foreach (var (id, payload, _) in payloads)
            {
                _api.Enqueue(LoopbackRuntimeApi.Invocation(id, payload, TimeSpan.FromSeconds(60)));
            }

            var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var (id, payload, description) in payloads)
            {
                PostedResult result;
                try
                {
                    result = await _api.ResultAsync(id, TimeSpan.FromSeconds(90));
                }
                catch (TimeoutException)
                {
                    problems.Add($"{description}: no response or error post (process exited: {bootstrap.HasExited})");
                    break;
                }

                var kind = result.Kind == ResultKind.Response ? "response" : ErrorType(result);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                if (result.Kind == ResultKind.Error && !OwnErrors.Contains(kind))
                {
                    problems.Add($"{description} ({payload.Length} bytes): error {kind}: {Encoding.UTF8.GetString(result.Body)}");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{handler}: {payloads.Count} invocations through bootstrap in {clock.ElapsedMilliseconds} ms; {string.Join(", ", kinds.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"))}"));
            Assert.False(bootstrap.HasExited, "the bootstrap process exited");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var logged = string.Join('\n', logs);
            var unlogged = payloads.Where(item => !logged.Contains(item.Id, StringComparison.Ordinal)).Select(item => item.Description).ToList();
            Assert.True(unlogged.Count == 0, "invocations without a log line: " + string.Join("; ", unlogged.Take(10)));
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill(entireProcessTree: true);
                await bootstrap.WaitForExitAsync();
            }
        }
    }

    private static List<(string Id, byte[] Payload, string Description)> Payloads(string handler)
    {
        var mutator = new FuzzMutator(FuzzInputs.All(), Seed);
        var own = FuzzInputs.Own(handler);
        var payloads = new List<(string, byte[], string)>();
        for (var index = 0; index < Cases; index++)
        {
            var fuzzCase = mutator.Case(index, own);
            payloads.Add((Id(handler, index), fuzzCase.Payload, fuzzCase.ToString()));
        }

        // The oversized and malformed kinds are rare in the weighted mix: make sure each is sent at least once.
        var sample = own[0].Bytes;
        var random = new Random(Seed);
        foreach (var kind in new[] { FuzzKind.InvalidUtf8, FuzzKind.DeepNesting, FuzzKind.SixMegabytes, FuzzKind.HugeString, FuzzKind.Truncate })
        {
            payloads.Add((Id(handler, payloads.Count), FuzzMutator.Apply(sample, kind, random), $"{kind} of {own[0].Name}"));
        }

        payloads.Add((Id(handler, payloads.Count), Encoding.UTF8.GetBytes(FuzzMutator.Nested(FuzzMutator.NestingDepth)), "10,000 levels of nesting as the whole payload"));
        return payloads;
    }

    private static string Id(string handler, int index) => string.Create(CultureInfo.InvariantCulture, $"fuzz-{handler}-{index:D5}");

    private static string ErrorType(PostedResult result)
    {
        try
        {
            using var error = JsonDocument.Parse(result.Body);
            return error.RootElement.GetProperty("errorType").GetString() ?? "(no errorType)";
        }
        catch (JsonException)
        {
            return "(error body not JSON)";
        }
    }

    private Process Start(string handler, FlowBed bed, ConcurrentQueue<string> logs)
    {
        var start = new ProcessStartInfo(BootstrapBinary.Resolve(RepositoryRoot.Path))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = _api.HostAndPort;
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = handler;
        start.Environment["GOVERNANCE_CENTRAL_ACCOUNT"] = FlowBed.CentralAccount;
        start.Environment["GOVERNANCE_TABLE"] = bed.Table;
        start.Environment["GOVERNANCE_TOPIC_ARN"] = bed.TopicArn;
        start.Environment["GOVERNANCE_MODEL_BUCKET"] = bed.CentralBucket;
        start.Environment["GOVERNANCE_READER_ROLE"] = FlowBed.ReaderRole;
        start.Environment["AWS_REGION"] = MotoServer.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey;
        start.Environment["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/');
        var process = Process.Start(start) ?? throw new InvalidOperationException("bootstrap did not start");
        process.OutputDataReceived += (_, line) => logs.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => logs.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
