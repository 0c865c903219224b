using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Governance.Benchmarks.Ledger;

/// <summary>A DynamoDB client that totals what its reads read and returned.</summary>
internal sealed class CountingDynamoDb(Uri endpoint) : AmazonDynamoDBClient(
    new BasicAWSCredentials("testing", "testing"),
    new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" })
{
    private long _read;
    private long _returned;
    private long _scans;

    public (long Read, long Returned, long Scans) Totals =>
        (Interlocked.Read(ref _read), Interlocked.Read(ref _returned), Interlocked.Read(ref _scans));

    public void Reset()
    {
        Interlocked.Exchange(ref _read, 0);
        Interlocked.Exchange(ref _returned, 0);
        Interlocked.Exchange(ref _scans, 0);
    }

    public override async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.QueryAsync(request, cancellationToken);
        Interlocked.Add(ref _read, response.ScannedCount ?? 0);
        Interlocked.Add(ref _returned, response.Count ?? 0);
        return response;
    }

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.GetItemAsync(request, cancellationToken);
        var found = response.Item is { Count: > 0 } ? 1 : 0;
        Interlocked.Add(ref _read, found);
        Interlocked.Add(ref _returned, found);
        return response;
    }

    public override async Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _scans);
        var response = await base.ScanAsync(request, cancellationToken);
        Interlocked.Add(ref _read, response.ScannedCount ?? 0);
        Interlocked.Add(ref _returned, response.Count ?? 0);
        return response;
    }
}
