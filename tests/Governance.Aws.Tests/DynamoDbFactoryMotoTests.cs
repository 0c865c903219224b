using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Governance.Aws.Endpoints;
using Governance.Aws.Tests.Http;
using Governance.Testing;

namespace Governance.Aws.Tests;

/// <summary>The SDK client factory honours the endpoint convention and region for DynamoDB, S3 and STS.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class AwsSdkClientsTests(MotoServer moto)
{
    [Fact]
    public async Task DynamoDb_WhenEndpointConfigured_ShouldTalkToThatEndpoint()
    {
        using var dynamo = MotoContext.Sdk(moto).DynamoDb(MotoContext.SdkCredentials);
        var table = MotoServer.UniqueName("ledger");

        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
        });
        await dynamo.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "NODE#model#churn" } });
        var item = await dynamo.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "NODE#model#churn" } });

        Assert.True(item.IsItemSet);
    }

    [Fact]
    public void Clients_WithoutConfiguredEndpoint_ShouldUseTheRegion()
    {
        var sdk = new AwsSdkClients("eu-central-1", new EndpointResolver(_ => null));
        using var dynamo = sdk.DynamoDb(MotoContext.SdkCredentials);
        using var s3 = sdk.S3(MotoContext.SdkCredentials);

        Assert.Equal("eu-central-1", dynamo.Config.RegionEndpoint?.SystemName);
        Assert.Equal("eu-central-1", s3.Config.RegionEndpoint?.SystemName);
        Assert.False(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
    }

    [Fact]
    public void Clients_WithServiceSpecificEndpoint_ShouldPreferItAndUsePathStyleForS3()
    {
        var sdk = new AwsSdkClients("us-west-2", new EndpointResolver(n => n switch
        {
            "AWS_ENDPOINT_URL" => "http://127.0.0.1:4000",
            "AWS_ENDPOINT_URL_S3" => "http://127.0.0.1:4001",
            _ => null,
        }));
        using var dynamo = sdk.DynamoDb(MotoContext.SdkCredentials);
        using var s3 = sdk.S3(MotoContext.SdkCredentials);

        Assert.Equal("http://127.0.0.1:4000/", dynamo.Config.ServiceURL);
        Assert.Equal("http://127.0.0.1:4001/", s3.Config.ServiceURL);
        Assert.True(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
        Assert.Equal("us-west-2", s3.Config.AuthenticationRegion);
    }

    [Fact]
    public async Task DynamoDb_WhenServiceKeepsFailing_ShouldGiveUpAfterTheBoundedRetries()
    {
        await using var server = new LoopbackServer { Fallback = _ => ServerAction.Respond(503, """{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"down"}""") };
        var sdk = new AwsSdkClients("us-east-1", new EndpointResolver(n => n == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null));
        using var dynamo = sdk.DynamoDb(MotoContext.SdkCredentials);

        await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => dynamo.GetItemAsync("ledger", new Dictionary<string, AttributeValue> { ["PK"] = new() { S = "x" } }));

        Assert.Equal(AwsSdkClients.MaxErrorRetry + 1, server.Received.Count);
    }
}
