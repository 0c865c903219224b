using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>The Secrets Manager calls validated against the official Secrets Manager model (json 1.1 protocol).</summary>
public sealed class SecretsManagerContractTests
{
    [SharedFact]
    public async Task GetSecretValue_ShouldValidateAgainstTheServiceModelAndReturnTheSecretString()
    {
        await using var server = new ContractServer("secretsmanager");
        server.Override("GetSecretValue", _ => """{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:key-AbCdEf","Name":"key","SecretString":"c2VjcmV0"}""");

        var text = await ContractClients.For(server).SecretsManager(ContractClients.Credentials).GetSecretStringAsync("key", CancellationToken.None);

        Assert.Equal("c2VjcmV0", text);
        var request = Assert.Single(server.Server.Received);
        Assert.Equal("secretsmanager.GetSecretValue", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Empty(server.Violations());
    }

    [SharedFact]
    public async Task CreateSecret_ShouldValidateAgainstTheServiceModelAndAnswerTheArn()
    {
        await using var server = new ContractServer("secretsmanager");
        server.Override("CreateSecret", _ => """{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:governance-page-token-key-AbCdEf","Name":"governance-page-token-key"}""");
        var client = ContractClients.For(server).SecretsManager(ContractClients.Credentials);
        var created = await client.CreateSecretAsync("governance-page-token-key", "c2VjcmV0", CancellationToken.None);

        Assert.Equal("arn:aws:secretsmanager:eu-west-1:123456789012:secret:governance-page-token-key-AbCdEf", created);
        Assert.Equal("CreateSecret", server.OperationOf(Assert.Single(server.Server.Received)));
        Assert.Empty(server.Violations());
    }

    [SharedFact]
    public async Task GetSecretValue_OfABinarySecret_ShouldSaySoInsteadOfReturningNothing()
    {
        await using var server = new ContractServer("secretsmanager");
        server.Override("GetSecretValue", _ => """{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:key-AbCdEf","Name":"key","SecretBinary":"AAEC"}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => ContractClients.For(server).SecretsManager(ContractClients.Credentials).GetSecretStringAsync("key", CancellationToken.None));

        Assert.Contains("holds no SecretString", error.Message, StringComparison.Ordinal);
    }
}
