using Governance.Aws.CodePipeline;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Protocols;
using Governance.Aws.SageMaker;
using Governance.Aws.Sns;

namespace Governance.Aws;

/// <summary>
/// Everything the hand-written clients share in one process: region, endpoint resolution, the one HttpClient,
/// the clock and the retry bounds. Clients are cheap; build one per set of credentials (e.g. per assumed role).
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
    /// <summary>Region from the SDK chain, endpoints from the process environment, the shared HttpClient.</summary>
    public static AwsContext FromEnvironment() =>
        new(AwsRegion.Resolve(), new EndpointResolver(), SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default);

    public AwsHttpCore Core(ICredentialSource credentials) => new(Http, credentials, Time, Retry, onRetry: OnRetry);

    public AwsJsonChannel JsonChannel(AwsService service, ICredentialSource credentials) =>
        new(Core(credentials), service, Endpoints.Resolve(service, Region), Region);

    public AwsQueryChannel QueryChannel(AwsService service, ICredentialSource credentials) =>
        new(Core(credentials), service, Endpoints.Resolve(service, Region), Region);

    public ISageMakerClient SageMaker(ICredentialSource credentials) => new SageMakerClient(JsonChannel(AwsService.SageMaker, credentials));

    public ISnsClient Sns(ICredentialSource credentials) => new SnsClient(QueryChannel(AwsService.Sns, credentials));

    public Lambda.LambdaInvoker Lambda(ICredentialSource credentials) =>
        new(Core(credentials), Endpoints.Resolve(AwsService.Lambda, Region), Region);

    public ICodePipelineClient CodePipeline(ICredentialSource credentials) =>
        new CodePipelineClient(JsonChannel(AwsService.CodePipeline, credentials));
}
