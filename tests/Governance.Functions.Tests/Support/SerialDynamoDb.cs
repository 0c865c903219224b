using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Testing;

namespace Governance.Functions.Tests.Support;

/// <summary>
/// A DynamoDB client to moto_server that sends one request at a time: moto's threaded server does not isolate
/// TransactWriteItems (see docs/ledger.md), while DynamoDB's transactions are serializable. Concurrent
/// invocations still interleave between requests, which is where the flows' claims have to hold.
/// </summary>
internal sealed class SerialDynamoDb(Uri endpoint) : AmazonDynamoDBClient(
    new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
    new AmazonDynamoDBConfig
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = MotoServer.Region,
        HttpClientFactory = new OneAtATimeHttpClientFactory(),
    })
{
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
