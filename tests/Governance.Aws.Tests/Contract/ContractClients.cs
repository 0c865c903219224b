using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;

namespace Governance.Aws.Tests.Contract;

/// <summary>Clients pointed at a contract server, with no retries so a wrong answer shows at once.</summary>
internal static class ContractClients
{
    public static AwsContext For(ContractServer server) =>
        new("eu-west-1",
            new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? server.Endpoint.ToString() : null),
            SharedHttpClient.Instance,
            TimeProvider.System,
            AwsRetryOptions.Default with { MaxAttempts = 1 });

    public static ICredentialSource Credentials { get; } = new StaticCredentialSource(Http.TestCores.Credentials);
}
