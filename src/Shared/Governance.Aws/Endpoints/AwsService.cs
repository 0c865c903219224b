namespace Governance.Aws.Endpoints;

/// <summary>The wire protocol a service speaks.</summary>
public enum AwsProtocol
{
    /// <summary>POST / with X-Amz-Target and an application/x-amz-json-1.1 body.</summary>
    Json11,

    /// <summary>POST / with a form-encoded Action/Version body and an XML response.</summary>
    Query,

    /// <summary>The operation's own route and method (Lambda's POST /2015-03-31/functions/{name}/invocations), JSON errors.</summary>
    RestJson,
}

/// <summary>
/// What the endpoint resolver and signer need to know about a service, from its service model's metadata.
/// </summary>
/// <param name="ServiceId">metadata.serviceId, e.g. "SageMaker"; names AWS_ENDPOINT_URL_&lt;SERVICE&gt;.</param>
/// <param name="EndpointPrefix">metadata.endpointPrefix, e.g. "api.sagemaker".</param>
/// <param name="SigningName">metadata.signingName, or the endpoint prefix when absent.</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="TargetPrefix">metadata.targetPrefix (json) or null.</param>
/// <param name="ApiVersion">metadata.apiVersion (the Version parameter of the query protocol).</param>
public sealed record AwsService(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    AwsProtocol Protocol,
    string? TargetPrefix,
    string ApiVersion)
{
    public static readonly AwsService SageMaker = new("SageMaker", "api.sagemaker", "sagemaker", AwsProtocol.Json11, "SageMaker", "2017-07-24");

    public static readonly AwsService Sns = new("SNS", "sns", "sns", AwsProtocol.Query, null, "2010-03-31");

    public static readonly AwsService CodePipeline =
        new("CodePipeline", "codepipeline", "codepipeline", AwsProtocol.Json11, "CodePipeline_20150709", "2015-07-09");

    public static readonly AwsService SecretsManager =
        new("Secrets Manager", "secretsmanager", "secretsmanager", AwsProtocol.Json11, "secretsmanager", "2017-10-17");

    public static readonly AwsService Lambda = new("Lambda", "lambda", "lambda", AwsProtocol.RestJson, null, "2015-03-31");

    /// <summary>The service's suffix in AWS_ENDPOINT_URL_&lt;SERVICE&gt;: service id upper-cased, spaces as underscores.</summary>
    public string EnvironmentKey => ServiceId.Replace(' ', '_').ToUpperInvariant();
}
