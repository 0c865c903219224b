using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Governance.Aws.Endpoints;

namespace Governance.Aws;

/// <summary>
/// The one place that builds the official SDK clients (DynamoDB, S3, STS, SQS), configured the same way as the
/// hand-written ones: the region, and AWS_ENDPOINT_URL_&lt;SERVICE&gt; / AWS_ENDPOINT_URL through
/// <see cref="EndpointResolver"/> (path-style S3 addressing when an endpoint is configured, as emulators need).
/// Retries are bounded like the hand-written clients': the SDK's DynamoDB default (ten retries) kept a call to
/// an unavailable service going for over a minute, past any sensible Lambda timeout. Obtained from
/// <see cref="AwsContext.Sdk"/>, the one client factory.
/// </summary>
/// <param name="defaultCredentials">Credentials of clients asked for none; the SDK's default chain when null.</param>
public sealed class AwsSdkClients(string region, EndpointResolver endpoints, AWSCredentials? defaultCredentials = null)
{
    private readonly RegionEndpoint _region = RegionEndpoint.GetBySystemName(region ?? throw new ArgumentNullException(nameof(region)));
    private readonly EndpointResolver _endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));

    public string Region => _region.SystemName;

    /// <param name="credentials">Credentials to act with; the SDK's default chain when null.</param>
    public IAmazonDynamoDB DynamoDb(AWSCredentials? credentials = null) =>
        new AmazonDynamoDBClient(credentials ?? DefaultCredentials(), Configure(new AmazonDynamoDBConfig(), "DYNAMODB"));

    /// <param name="credentials">Credentials to act with; the SDK's default chain when null.</param>
    public IAmazonS3 S3(AWSCredentials? credentials = null)
    {
        var config = Configure(new AmazonS3Config(), "S3");
        config.ForcePathStyle = _endpoints.ConfiguredEndpoint("S3") is not null;
        return new AmazonS3Client(credentials ?? DefaultCredentials(), config);
    }

    /// <param name="credentials">Credentials to act with; the SDK's default chain when null.</param>
    public IAmazonSecurityTokenService Sts(AWSCredentials? credentials = null) =>
        new AmazonSecurityTokenServiceClient(credentials ?? DefaultCredentials(), Configure(new AmazonSecurityTokenServiceConfig(), "STS"));

    /// <param name="credentials">Credentials to act with; the SDK's default chain when null.</param>
    public IAmazonSQS Sqs(AWSCredentials? credentials = null) =>
        new AmazonSQSClient(credentials ?? DefaultCredentials(), Configure(new AmazonSQSConfig(), "SQS"));

    private AWSCredentials DefaultCredentials() => defaultCredentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();

    /// <summary>Retries after the first attempt: with throttling backoff, a few seconds at most before the failure surfaces.</summary>
    public const int MaxErrorRetry = 4;

    /// <summary>One attempt's time limit; a hung connection fails and is retried rather than eating the invocation.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private T Configure<T>(T config, string environmentKey)
        where T : ClientConfig
    {
        config.MaxErrorRetry = MaxErrorRetry;
        config.Timeout = AttemptTimeout;
        if (_endpoints.ConfiguredEndpoint(environmentKey) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = _region.SystemName;
        }
        else
        {
            config.RegionEndpoint = _region;
        }

        return config;
    }
}
