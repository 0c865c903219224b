using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;

namespace Governance.Benchmarks.Ledger;

/// <summary>
/// Load harness for the ledger against moto_server: seeds tables of 1k and 50k event records (with their
/// lineage graph, current links and violations), then measures chained appends and every query, printing
/// operations per second and items read per item returned. Usage:
/// <c>ledger [--sizes 1000,50000] [--endpoint URL] [--operations N]</c>; without an endpoint
/// (or AWS_ENDPOINT_URL) it starts its own moto_server on a free loopback port.
/// </summary>
public static class LedgerLoadHarness
{
    private const int RecordsPerSubject = 50;
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(60);

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sizes = new[] { 1_000, 50_000 };
        var operations = 100;
        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = [.. args[i + 1].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture))];
                    break;
                case "--endpoint":
                    endpoint = args[i + 1];
                    break;
                case "--operations":
                    operations = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}; usage: ledger [--sizes 1000,50000] [--endpoint URL] [--operations N]");
                    return 2;
            }
        }

        using var moto = string.IsNullOrWhiteSpace(endpoint) ? await OwnMoto.StartAsync(ct) : null;
        var target = new Uri(moto?.Endpoint ?? endpoint!);
        Console.WriteLine($"{"records",8} {"operation",-22} {"ops",5} {"ops/s",8} {"returned",9} {"read",9} {"read/returned",13}");
        foreach (var size in sizes)
        {
            await MeasureAsync(target, size, operations, ct);
        }

        return 0;
    }

    private static async Task MeasureAsync(Uri endpoint, int size, int operations, CancellationToken ct)
    {
        using var dynamo = new CountingDynamoDb(endpoint);
        var table = $"ledger-bench-{size}-{Guid.NewGuid():N}"[..40];
        await LedgerTableDefinition.CreateAsync(dynamo, table, ct);
        var subjects = await SeedAsync(dynamo, table, size, ct);
        var writer = new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System);
        var reader = new DynamoDbLedgerReader(dynamo, table, PageTokenCodec.WithRandomKey());
        var random = new Random(size);

        async Task Measure(string name, int count, Func<int, Task<int>> operation)
        {
            dynamo.Reset();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await operation(i);
            }

            watch.Stop();
            var (read, returned, scans) = dynamo.Totals;
            var ratio = returned == 0 ? "-" : (read / (double)returned).ToString("0.00", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,8} {name,-22} {count,5} {count / watch.Elapsed.TotalSeconds,8:0.00} {returned,9} {read,9} {ratio,13}{(scans > 0 ? " SCAN!" : string.Empty)}"));
        }

#pragma warning disable CA5394 // Picks load targets; protects nothing.
        NodeRef AnySubject() => subjects[random.Next(subjects.Count)];
        DateTimeOffset AnyInstant() => Epoch + (Span * random.NextDouble());
#pragma warning restore CA5394

        await Measure("append", operations, async i =>
        {
            await writer.AppendAsync(Draft(AnySubject(), $"bench-{i}", AnyInstant(), i), ct);
            return 1;
        });
        await Measure("timeline (50/page)", operations, async _ =>
            (await reader.GetTimelineAsync(AnySubject(), new PageRequest(50), ct)).Items.Count);
        await Measure("account (100/page)", operations, async i =>
            (await reader.GetAccountActivityAsync(Account(i), new PageRequest(100), ct)).Items.Count);
        await Measure("group (100/page)", operations, async i =>
            (await reader.GetGroupActivityAsync(Group(i), new PageRequest(100), ct)).Items.Count);
        await Measure("activity 6h (100/page)", operations, async _ =>
        {
            var since = AnyInstant();
            return (await reader.GetActivityAsync(since, since.AddHours(6), new PageRequest(100), ct)).Items.Count;
        });
        await Measure("lineage up depth 3", operations, async _ =>
            (await reader.GetLineageAsync(new LineageQuery(AnySubject(), LineageDirection.Upstream, 3), new PageRequest(100), ct)).Items.Count);
        await Measure("used-by dataset", operations, async i =>
            (await reader.GetNeighboursAsync(Dataset(i), LineageDirection.Downstream, NodeTypes.CentralPackage, new PageRequest(100), ct)).Items.Count);
        await Measure("runs on endpoint", operations, async i =>
            (await reader.GetCurrentAsync(Endpoint(i), Relations.Runs, ct)) is null ? 0 : 1);
        await Measure("open violations", operations, async _ =>
            (await reader.GetOpenViolationsAsync(new PageRequest(100), ct)).Items.Count);
    }

    /// <summary>Writes ready-made chains, edges, links and violations with BatchWriteItem; returns the subjects.</summary>
    private static async Task<List<NodeRef>> SeedAsync(CountingDynamoDb dynamo, string table, int size, CancellationToken ct)
    {
        var subjects = Enumerable.Range(0, Math.Max(1, size / RecordsPerSubject))
            .Select(i => new NodeRef(NodeTypes.CentralPackage, $"arn:aws:sagemaker:us-east-1:123456789012:model-package/group-{i % 20}/{i}"))
            .ToList();
        var items = new List<Dictionary<string, AttributeValue>>();
        for (var s = 0; s < subjects.Count; s++)
        {
            var subject = subjects[s];
            ChainHead? head = null;
            LedgerRecord? last = null;
            for (var r = 0; r < RecordsPerSubject && (s * RecordsPerSubject) + r < size; r++)
            {
                var index = (s * RecordsPerSubject) + r;
                last = ChainHash.Next(head, Draft(subject, $"seed-{index}", Epoch + (Span * (index / (double)size)), s), Epoch);
                head = new ChainHead(subject, last.Sequence, last.Hash);
                items.Add(LedgerItems.FromRecord(last));
                items.Add(LedgerItems.FromGuard(last));
            }

            if (last is not null)
            {
                items.Add(LedgerItems.FromHead(last));
            }

            var source = new NodeRef(NodeTypes.SourcePackage, $"arn:aws:sagemaker:us-east-1:111122223333:model-package/team/{s}");
            items.Add(LedgerItems.FromEdge(new LedgerEdge(Dataset(s), Relations.UsedBy, subject, Epoch, null)));
            items.Add(LedgerItems.FromEdge(new LedgerEdge(new NodeRef(NodeTypes.Image, $"sha256:{s % 20:x64}"), Relations.UsedBy, subject, Epoch, null)));
            items.Add(LedgerItems.FromEdge(new LedgerEdge(new NodeRef(NodeTypes.Artifact, $"sha256:{s:x64}"), Relations.UsedBy, subject, Epoch, null)));
            items.Add(LedgerItems.FromEdge(new LedgerEdge(source, Relations.CopiedTo, subject, Epoch, null)));
            items.Add(LedgerItems.FromEdge(new LedgerEdge(new NodeRef(NodeTypes.Dataset, $"s3://raw/{s % 50}"), Relations.TrainedOn, source, Epoch, null)));
            items.Add(LedgerItems.FromEdge(new LedgerEdge(subject, Relations.Serves, Endpoint(s), Epoch, null)));
            items.Add(LedgerItems.FromCurrent(new CurrentLink(Endpoint(s), Relations.Runs, subject, Epoch, null)));
            if (s % 10 == 0)
            {
                items.Add(LedgerItems.FromViolation(new ViolationState(
                    new NodeRef(NodeTypes.Violation, $"rule-{s}"), Endpoint(s), "rule", "HIGH", Account(s), ViolationStatus.Open, Epoch, null)));
            }
        }

        foreach (var chunk in items.Chunk(25))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [table] = [.. chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } })],
            };
            while (pending is { Count: > 0 })
            {
                var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct);
                pending = response.UnprocessedItems;
            }
        }

        return subjects;
    }

    private static LedgerEventDraft Draft(NodeRef subject, string eventId, DateTimeOffset occurredAt, int i) => new(
        subject, eventId, "audit.UpdateEndpoint", occurredAt, "arn:aws:iam::123456789012:role/deployer", Account(i), Group(i),
        new Dictionary<string, string> { ["requestParameters"] = "{\"endpointName\":\"churn\"}" });

    private static string Account(int i) => (111111111111L + (i % 10)).ToString(CultureInfo.InvariantCulture);

    private static string Group(int i) => $"group-{i % 20}";

    private static NodeRef Dataset(int i) => new(NodeTypes.Dataset, $"s3://datasets/{i % 50}/train.csv");

    private static NodeRef Endpoint(int i) => new(NodeTypes.Endpoint, $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e{i % 100}");

    /// <summary>A moto_server this harness started and stops.</summary>
    private sealed class OwnMoto : IDisposable
    {
        private readonly Process _process;

        private OwnMoto(Process process, string endpoint)
        {
            _process = process;
            Endpoint = endpoint;
        }

        public string Endpoint { get; }

        public static async Task<OwnMoto> StartAsync(CancellationToken ct)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var process = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("moto_server did not start");
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var moto = new OwnMoto(process, $"http://127.0.0.1:{port}");
            using var http = new HttpClient();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"{moto.Endpoint}/moto-api/data.json"), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return moto;
                    }
                }
                catch (HttpRequestException) when (attempt < 300)
                {
                }

                await Task.Delay(100, ct);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }

            _process.Dispose();
        }
    }
}
