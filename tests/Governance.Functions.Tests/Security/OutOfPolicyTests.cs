using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Governance.Aws.Credentials;
using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Aws.Sns;
using Governance.Aws.Signing;
using Governance.Core.Flows;
using Governance.Core.Routing;
using Governance.Testing;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// A function's role grants nothing beyond its template policy: calls outside it are refused by IAM, and a
/// function that lacks a permission fails its invocation with the AccessDenied named — it neither crashes nor
/// reports success — and writes nothing. Requests signed with a wrong secret, an unknown key or a tampered
/// session token are refused before any policy is consulted. The logs of these failures hold no secret.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(IamMotoGroup.Name)]
public sealed class OutOfPolicyTests(IamMoto iam)
{
    [Fact]
    public async Task MonitorRole_CallingRegistryOrRoleActions_ShouldBeDenied()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var monitor = await bed.CredentialsOfAsync(HandlerNames.PipelineMonitor);
        var sageMaker = bed.Aws.SageMaker(new StaticCredentialSource(monitor));

        var create = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
            sageMaker.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest("stolen-" + bed.TeamGroup), CancellationToken.None));
        var describe = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
            sageMaker.DescribeModelPackageAsync($"arn:aws:sagemaker:us-east-1:{SecureBed.CentralAccount}:model-package/any/1", CancellationToken.None));
        using var sts = bed.Sdk.Sts(IamMoto.SdkCredentials(monitor));
        var assume = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{SecureBed.TeamAccount}:role/{bed.ReaderRole}", RoleSessionName = "monitor" }));

        Assert.Contains("sagemaker:CreateModelPackageGroup", create.Details.Message, StringComparison.Ordinal);
        Assert.Contains("sagemaker:DescribeModelPackage", describe.Details.Message, StringComparison.Ordinal);
        Assert.Equal(403, (int)assume.StatusCode);
    }

    [Fact]
    public async Task LineageApiRole_WritingTheLedgerOrPublishing_ShouldBeDenied()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var reader = await bed.CredentialsOfAsync(HandlerNames.LineageApi);
        using var dynamo = bed.Sdk.DynamoDb(IamMoto.SdkCredentials(reader));

        var put = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = bed.Table,
            Item = new Dictionary<string, AttributeValue> { ["PK"] = new() { S = "NODE#forged" }, ["SK"] = new() { S = "META" } },
        }));
        var publish = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
            bed.Aws.Sns(new StaticCredentialSource(reader)).PublishAsync(new SnsMessage(bed.TopicArn, "forged"), CancellationToken.None));

        Assert.Equal(403, (int)put.StatusCode);
        Assert.Contains("sns:Publish", publish.Details.Message, StringComparison.Ordinal);
        var read = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = bed.Table,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = "NODE#forged" } },
        });
        Assert.Equal(0, read.Count);
    }

    [Fact]
    public async Task DeploymentTriggerRole_WritingTheModelBucket_ShouldBeDenied()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        using var s3 = bed.Sdk.S3(IamMoto.SdkCredentials(await bed.CredentialsOfAsync(HandlerNames.DeploymentTrigger)));

        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = bed.CentralBucket, Key = "planted/model.tar.gz", ContentBody = "not a model" }));

        Assert.Equal("AccessDenied", put.ErrorCode);
        Assert.Empty(await bed.CentralObjectKeysAsync());
    }

    [Fact]
    public async Task RegistrySync_ActingWithTheMonitorsRole_ShouldFailTheInvocationNamingTheDenialAndCreateNothing()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var source = await bed.TeamPackageAsync();
        var approval = await bed.TeamApprovalAsync(source);
        var (sync, lines) = await bed.FunctionAsync(HandlerNames.RegistrySync, actingAs: HandlerNames.PipelineMonitor);

        var failure = await Assert.ThrowsAsync<FlowFailedException>(() =>
            OwnRoleFlowTests.InvokeAsync(sync, HandlerNames.RegistrySync, approval));

        Assert.Contains("AccessDenied", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains(bed.ReaderRole, failure.Message, StringComparison.Ordinal);
        Assert.Empty(await bed.CentralPackagesAsync());
        Assert.Empty(await bed.CentralObjectKeysAsync());
        Assert.Empty(await bed.NotificationTypesAsync());
        Assert.Contains(lines.Lines(), line => line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) && line.Contains(bed.ReaderRole, StringComparison.Ordinal));
        SecretScan.AssertClean([.. bed.LogLines, failure.ToString()], bed.Secrets);
    }

    [Fact]
    public async Task PipelineMonitor_ActingWithTheLineageApiRole_ShouldFailTheInvocationOnTheDeniedLedgerWrite()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var (monitor, lines) = await bed.FunctionAsync(HandlerNames.PipelineMonitor, actingAs: HandlerNames.LineageApi);
        var execution = $"arn:aws:sagemaker:us-east-1:{SecureBed.CentralAccount}:pipeline/{bed.Pipeline}/execution/abc123";

        var failure = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() =>
            OwnRoleFlowTests.InvokeAsync(monitor, HandlerNames.PipelineMonitor, SecurityEvents.PipelineStatus(execution, "Failed")));

        Assert.Equal(403, (int)failure.StatusCode);
        Assert.Contains("is not authorized to perform: dynamodb:", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await bed.NotificationTypesAsync());
        Assert.Contains(lines.Lines(), line => line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) && line.Contains("failed in PipelineMonitor", StringComparison.Ordinal));
        SecretScan.AssertClean([.. bed.LogLines, failure.ToString()], bed.Secrets);
    }

    [Fact]
    public async Task Requests_WithAWrongSecretUnknownKeyOrTamperedSessionToken_ShouldBeRefused()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var own = await bed.CredentialsOfAsync(HandlerNames.DeploymentTrigger);
        SigningCredentials[] forged =
        [
            own with { SecretAccessKey = new string('x', own.SecretAccessKey.Length) },
            own with { AccessKeyId = "ASIA" + new string('Q', 16) },
            own with { SessionToken = own.SessionToken![..^4] + "AAAA" },
        ];

        foreach (var credentials in forged)
        {
            var refused = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
                bed.Aws.Sns(new StaticCredentialSource(credentials)).PublishAsync(
                    new SnsMessage(bed.TopicArn, "forged"), CancellationToken.None));
            Assert.Contains(refused.ErrorCode, (string[])["SignatureDoesNotMatch", "InvalidClientTokenId"]);
        }

        var genuine = await bed.Aws.Sns(new StaticCredentialSource(own)).PublishAsync(
            new SnsMessage(bed.TopicArn, "genuine"), CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(genuine));
    }
}
