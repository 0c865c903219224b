using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Governance.Testing.Aws;

/// <summary>
/// A real client to moto_server that records every read it issues, with what DynamoDB says it read.
/// It also sends one request at a time: moto's threaded server does not isolate TransactWriteItems (a
/// cancelled transaction restores a snapshot of the whole table, erasing writes other threads committed
/// meanwhile), while DynamoDB transactions are serializable. Concurrent callers still interleave between
/// requests, which is where the ledger's optimistic concurrency has to hold.
/// </summary>
public sealed class RecordingDynamoDb(Uri endpoint) : AmazonDynamoDBClient(
    new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
    new AmazonDynamoDBConfig
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = MotoServer.Region,
        HttpClientFactory = new OneAtATimeHttpClientFactory(),
    })
{
    public sealed record Read(string Operation, string? Index, int ItemsRead, int ItemsReturned, bool Consistent = false);

    private readonly ConcurrentQueue<Read> _reads = new();

    public override async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.QueryAsync(request, cancellationToken);
        _reads.Enqueue(new Read("Query", request.IndexName, response.ScannedCount ?? -1, response.Count ?? -1, request.ConsistentRead ?? false));
        return response;
    }

    public override async Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.ScanAsync(request, cancellationToken);
        _reads.Enqueue(new Read("Scan", request.IndexName, response.ScannedCount ?? -1, response.Count ?? -1));
        return response;
    }

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.GetItemAsync(request, cancellationToken);
        var found = response.Item is { Count: > 0 } ? 1 : 0;
        _reads.Enqueue(new Read("GetItem", null, found, found, request.ConsistentRead ?? false));
        return response;
    }

    /// <summary>The reads issued since the last call.</summary>
    public IReadOnlyList<Read> TakeReads()
    {
        var reads = new List<Read>();
        while (_reads.TryDequeue(out var read))
        {
            reads.Add(read);
        }

        return reads;
    }

    private sealed class OneAtATimeHttpClientFactory : HttpClientFactory
    {
        private readonly Lazy<HttpClient> _client = new(() => new HttpClient(new OneAtATimeHandler(new SocketsHttpHandler())));

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client.Value;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    private sealed class OneAtATimeHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                _gate.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gate.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
