using Amazon.Runtime;
using Governance.Aws.CodePipeline;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Protocols;
using Governance.Aws.SageMaker;
using Governance.Aws.Sns;

namespace Governance.Aws;

/// <summary>
/// The one client factory of the functions and the CLI: region, endpoint resolution, the one HttpClient, the clock,
/// the retry bounds and the default credentials, for the hand-written clients (SageMaker, SNS, CodePipeline) and,
/// through <see cref="Sdk"/>, the official SDK clients (DynamoDB, S3, STS, SQS). Clients are cheap; build one per set of
/// credentials (e.g. per assumed role).
/// </summary>
/// <param name="Region">Region of the calls.</param>
/// <param name="Endpoints">Endpoint resolution (AWS_ENDPOINT_URL[_SERVICE], then regional).</param>
/// <param name="Http">The process's HttpClient.</param>
/// <param name="Time">Clock for signing and backoff.</param>
/// <param name="Retry">Retry bounds.</param>
/// <param name="OnRetry">Told about each retry (logs, metrics).</param>
public sealed record AwsContext(
    string Region,
    EndpointResolver Endpoints,
    HttpClient Http,
    TimeProvider Time,
    AwsRetryOptions Retry,
    Action<AwsRetryNotice>? OnRetry = null)
{
    /// <summary>The credentials calls make when given none: the settings' access keys when they hold some, else AWSSDK.Core's default chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>The official SDK clients, configured like the hand-written ones (same region, endpoints, credentials).</summary>
    public AwsSdkClients Sdk => new(Region, Endpoints, Credentials);

    /// <summary>The default credentials as the hand-written clients sign with them.</summary>
    public ICredentialSource DefaultCredentials => Credentials is { } credentials ? new SdkCredentialSource(credentials) : SdkCredentialSource.Default();

    /// <summary>
    /// The clients as <paramref name="settings"/> configure them (the process environment in Lambda; the CLI's
    /// layered settings): <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c> (else the SDK's region chain),
    /// <c>AWS_ENDPOINT_URL[_&lt;SERVICE&gt;]</c>, and <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> /
    /// <c>AWS_SESSION_TOKEN</c> when set (else the SDK's credential chain).
    /// </summary>
    public static AwsContext FromSettings(Func<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var region = Value(settings, "AWS_REGION") ?? Value(settings, "AWS_DEFAULT_REGION") ?? AwsRegion.Resolve();
        return new AwsContext(region, new EndpointResolver(settings), SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default)
        {
            Credentials = (Value(settings, "AWS_ACCESS_KEY_ID"), Value(settings, "AWS_SECRET_ACCESS_KEY"), Value(settings, "AWS_SESSION_TOKEN")) switch
            {
                ({ } key, { } secret, { } token) => new SessionAWSCredentials(key, secret, token),
                ({ } key, { } secret, null) => new BasicAWSCredentials(key, secret),
                _ => null,
            },
        };
    }

    private static string? Value(Func<string, string?> settings, string name) => settings(name)?.Trim() is { Length: > 0 } value ? value : null;

    public AwsHttpCore Core(ICredentialSource credentials) => new(Http, credentials, Time, Retry, onRetry: OnRetry);

    public AwsJsonChannel JsonChannel(AwsService service, ICredentialSource credentials) =>
        new(Core(credentials), service, Endpoints.Resolve(service, Region), Region);

    public AwsQueryChannel QueryChannel(AwsService service, ICredentialSource credentials) =>
        new(Core(credentials), service, Endpoints.Resolve(service, Region), Region);

    public ISageMakerClient SageMaker(ICredentialSource credentials) => new SageMakerClient(JsonChannel(AwsService.SageMaker, credentials));

    public ISnsClient Sns(ICredentialSource credentials) => new SnsClient(QueryChannel(AwsService.Sns, credentials));

    public Lambda.LambdaInvoker Lambda(ICredentialSource credentials) =>
        new(Core(credentials), Endpoints.Resolve(AwsService.Lambda, Region), Region);

    public SecretsManager.SecretsManagerClient SecretsManager(ICredentialSource credentials) =>
        new(JsonChannel(AwsService.SecretsManager, credentials));

    public ICodePipelineClient CodePipeline(ICredentialSource credentials) =>
        new CodePipelineClient(JsonChannel(AwsService.CodePipeline, credentials));
}
