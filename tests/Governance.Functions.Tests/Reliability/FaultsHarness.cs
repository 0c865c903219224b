using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3.Model;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Composition;
using Governance.Hosting;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Aws;
using Governance.Testing.Faults;

namespace Governance.Functions.Tests.Reliability;

/// <summary>
/// A <see cref="FlowBed"/> whose functions reach moto only through a <see cref="FaultProxy"/>; the bed's own
/// setup and assertions go to moto directly, so they never see a fault.
/// </summary>
internal sealed class FaultsHarness : IAsyncDisposable
{
    /// <summary>The deadline each delivery gets: a crashed delivery's claims expire after it, so a redelivery can take over.</summary>
    public static readonly TimeSpan ClaimWindow = TimeSpan.FromSeconds(3);

    private static readonly AWSCredentials SdkCredentials = new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey);

    private readonly RecordingDynamoDb _proxiedDynamo;

    private FaultsHarness(FlowBed bed, FaultProxy proxy)
    {
        Bed = bed;
        Proxy = proxy;
        _proxiedDynamo = new RecordingDynamoDb(proxy.Endpoint);
    }

    public FlowBed Bed { get; }

    public FaultProxy Proxy { get; }

    public static async Task<FaultsHarness> CreateAsync(MotoServer moto, int seed)
    {
        var bed = await FlowBed.CreateAsync(moto);
        var proxy = await FaultProxy.StartAsync(moto.Endpoint, seed);
        return new FaultsHarness(bed, proxy);
    }

    /// <summary>The real function with the real adapters, every AWS call through the proxy.</summary>
    public IFunctionHandler Function(string handler) => Bed.Function(handler, ports: Ports()).Function;

    /// <summary>Delivers the event until an invocation succeeds, waiting out each failed one's deadline as Lambda's retry delay would.</summary>
    public static async Task<Delivery> DeliverUntilDoneAsync(IFunctionHandler function, string handler, byte[] payload, int maxDeliveries = 15)
    {
        ArgumentNullException.ThrowIfNull(function);
        var failures = new List<Exception>();
        for (var delivery = 1; delivery <= maxDeliveries; delivery++)
        {
            var context = new InvocationContext(
                Guid.NewGuid().ToString(), $"arn:aws:lambda:us-east-1:{FlowBed.CentralAccount}:function:{handler}", null,
                DateTimeOffset.UtcNow + ClaimWindow, handler, false);
            try
            {
                var response = await function.HandleAsync(payload, context, CancellationToken.None);
                using var document = JsonDocument.Parse(response);
                return new Delivery(document.RootElement.Clone(), failures);
            }
            catch (Exception exception) when (exception is not EventRejectedException)
            {
                failures.Add(exception);
                var wait = context.Deadline - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        }

        throw new Xunit.Sdk.XunitException(
            $"{handler} did not complete in {maxDeliveries} deliveries:\n" + string.Join("\n", failures.Select(failure => failure.GetType().Name + ": " + failure.Message)));
    }

    /// <summary>
    /// Every hash chain in the bed's ledger verifies, and every approver, source and deployment edge the lineage
    /// shows is backed by a chained record (what <c>governance ledger verify</c> checks).
    /// </summary>
    public static async Task AssertLedgerIntactAsync(FlowBed bed)
    {
        ArgumentNullException.ThrowIfNull(bed);
        var chains = new DynamoDbLedgerChains(bed.Dynamo, bed.Table);
        var findings = new List<string>();
        var evidence = new EvidenceVerifier();
        var count = 0;
        await foreach (var chain in chains.ReadAllChainsAsync(CancellationToken.None))
        {
            count++;
            findings.AddRange(ChainVerifier.Verify(chain).Select(finding => finding.ToString()));
            evidence.Add(chain);
        }

        var graph = await chains.ReadGraphAsync(CancellationToken.None);
        findings.AddRange(graph.Nodes.SelectMany(evidence.Check).Concat(graph.Edges.SelectMany(evidence.Check)));

        Assert.True(count > 0, "the ledger holds no chain");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    /// <summary>
    /// The subscriber's messages since the last call. Each distinct notification must be one of <paramref name="expected"/>,
    /// once; the raw count may only exceed that by Publish calls SNS applied but whose answer was lost (SNS standard
    /// topics are at-least-once: a subscriber recognises the repeat by its identical body).
    /// </summary>
    public async Task<int> AssertNotifiedOnceAsync(IReadOnlyList<string> expected, int publishesBefore)
    {
        var received = await Bed.NotificationsAsync();
        var distinct = received.GroupBy(message => message.Body.GetRawText(), StringComparer.Ordinal).Select(group => group.First().EventType).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), distinct.Order(StringComparer.Ordinal));
        var publishes = Proxy.Requests.Skip(publishesBefore).Where(request => request is { Service: "sns", Operation: "Publish", Forwarded: true }).ToList();
        Assert.Equal(publishes.Count, received.Count);
        return received.Count - distinct.Count;
    }

    /// <summary>The central bucket holds exactly <paramref name="count"/> objects, each with the SHA-256 the ledger recorded for it.</summary>
    public async Task AssertArtifactsCopiedOnceAsync(string source, int count)
    {
        using var s3 = Bed.Sdk.S3(SdkCredentials);
        var keys = await Bed.ObjectKeysAsync(Bed.CentralBucket);
        var timeline = await Bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(100, null), CancellationToken.None);
        var copied = timeline.Items.Where(record => record.Kind == "artifact.copied").ToList();
        Assert.Equal(count, copied.Count);
        foreach (var record in copied)
        {
            var key = record.Attributes["centralUri"][$"s3://{Bed.CentralBucket}/".Length..];
            Assert.Contains(key, keys);
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = Bed.CentralBucket, Key = key });
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content);
            Assert.Equal(record.Attributes["sha256"], Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _proxiedDynamo.Dispose();
        await Proxy.DisposeAsync();
        Bed.Dispose();
    }

    /// <summary>A monitor fixture of the core tests, retargeted at this bed's account, central package and a unique endpoint.</summary>
    public static byte[] MonitorEvent(string fixture, string centralPackageArn, string endpointName)
    {
        ArgumentNullException.ThrowIfNull(centralPackageArn);
        var text = File.ReadAllText(RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Monitors", "Fixtures", fixture))
            .Replace("999988887777", FlowBed.CentralAccount, StringComparison.Ordinal)
            .Replace($"arn:aws:sagemaker:us-east-1:{FlowBed.CentralAccount}:model-package/fraud-detector/12", centralPackageArn, StringComparison.Ordinal)
            .Replace("fraud-endpoint", endpointName, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The AWS adapters with every call through the proxy.</summary>
    private AwsPortFactory Ports()
    {
        var endpoints = new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? Proxy.Endpoint.ToString() : null);
        var aws = new AwsContext(MotoServer.Region, endpoints, SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default) { Credentials = SdkCredentials };
        return new AwsPortFactory(aws, _proxiedDynamo);
    }
}

/// <summary>How an event got through: the successful invocation's result and the failed deliveries before it.</summary>
internal sealed record Delivery(JsonElement Result, IReadOnlyList<Exception> Failures);
