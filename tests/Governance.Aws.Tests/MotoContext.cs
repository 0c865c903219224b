using Amazon.Runtime;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Signing;
using Governance.Testing;

namespace Governance.Aws.Tests;

/// <summary>Clients pointed at the shared moto_server through AWS_ENDPOINT_URL-style resolution.</summary>
internal static class MotoContext
{
    public static readonly ICredentialSource DefaultAccount =
        new StaticCredentialSource(new SigningCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey));

    public static AWSCredentials SdkCredentials { get; } = new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey);

    public static AwsSdkClients Sdk(MotoServer moto) =>
        new(MotoServer.Region, new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? moto.Endpoint.ToString() : null));

    public static AwsContext For(MotoServer moto) =>
        new(MotoServer.Region,
            new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? moto.Endpoint.ToString() : null),
            SharedHttpClient.Instance,
            TimeProvider.System,
            AwsRetryOptions.Default);
}
