using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws.Ledger;
using Governance.Aws.S3;
using Governance.Cli.Commands.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Ledger.Anchoring;
using Governance.Testing;

namespace Governance.Cli.Tests.Ledger;

/// <summary>
/// Anchoring on moto (which implements S3 Object Lock): digests of every chain head go to a bucket with
/// compliance-mode retention; `ledger verify` checks the table against them. A writer that rewrites a chain's
/// tail and head consistently passes the chain check but not the digest check.
/// </summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class LedgerAnchorMotoTests(MotoServer moto)
{
    private static readonly NodeRef Subject = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");
    private static readonly NodeRef Other = new(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");

    [Fact]
    public async Task Verify_WhenTailRewrittenConsistentlySinceTheLastDigest_ShouldReportItAndExitOne()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        var chains = new DynamoDbLedgerChains(dynamo, table);
        var chain = await chains.ReadChainAsync(Subject, CancellationToken.None);
        var fourth = chain.Records[3];
        var forged = ChainHash.Next(new ChainHead(Subject, 4, fourth.Hash),
            new LedgerEventDraft(Subject, "e5", "audit.nothing-to-see", chain.Records[4].OccurredAt, null, null, null, new Dictionary<string, string>()),
            chain.Records[4].RecordedAt);
        await dynamo.PutItemAsync(table, LedgerItems.FromRecord(forged));
        await dynamo.PutItemAsync(table, LedgerItems.FromHead(forged));

        var (exit, output) = await VerifyAsync(table, bucket);

        Assert.Empty(ChainVerifier.Verify(await chains.ReadChainAsync(Subject, CancellationToken.None))); // the chain alone looks intact
        Assert.Equal(1, exit);
        Assert.Contains($"REWRITTEN {Subject} #5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenAChainIsDeletedOrTruncated_ShouldReportItAndExitOne()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        foreach (var item in (await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = $"NODE#{Other.Type}#{Other.Id}" } },
        })).Items)
        {
            await dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["PK"] = item["PK"], ["SK"] = item["SK"] });
        }

        var chain = await new DynamoDbLedgerChains(dynamo, table).ReadChainAsync(Subject, CancellationToken.None);
        await dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["PK"] = new() { S = $"NODE#{Subject.Type}#{Subject.Id}" }, ["SK"] = new() { S = "EVT#000000000005" } });
        await dynamo.PutItemAsync(table, LedgerItems.FromHead(chain.Records[3]));

        var (exit, output) = await VerifyAsync(table, bucket);

        Assert.Equal(1, exit);
        Assert.Contains($"DELETED {Other}", output, StringComparison.Ordinal);
        Assert.Contains($"TRUNCATED {Subject} #5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_IntactLedgerAfterTwoDigests_ShouldExitZero()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        await Append(dynamo, table, Subject, 6);
        using var s3 = S3();
        var second = await Anchoring(dynamo, s3, table, bucket).AnchorAsync(CancellationToken.None);

        var (exit, output) = await VerifyAsync(table, bucket);

        Assert.Equal(2, second.Number);
        Assert.Equal(0, exit);
        Assert.Contains("digests intact: 2 digest(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingADigestVersion_ShouldBeRefusedByObjectLock()
    {
        var (_, bucket) = await AnchoredLedgerAsync();
        using var s3 = S3();
        var version = (await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions.Single();

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = version.Key, VersionId = version.VersionId }));

        Assert.Equal("AccessDenied", refused.ErrorCode);
        Assert.Single((await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions);
    }

    [Fact]
    public async Task Verify_WhenTheDigestHeadItemIsForged_ShouldReportTheBrokenDigestChain()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        using var s3 = S3();
        var heads = new DynamoDbLedgerHeads(dynamo, table);
        var first = await heads.ReadDigestHeadAsync(CancellationToken.None);
        var forged = LedgerDigest.Next(null, [], DateTimeOffset.UtcNow);
        Assert.True(await heads.MoveDigestHeadAsync(first, forged with { Number = first!.Number }, CancellationToken.None));
        await Anchoring(dynamo, s3, table, bucket).AnchorAsync(CancellationToken.None);

        var (exit, output) = await VerifyAsync(table, bucket);

        Assert.Equal(1, exit);
        Assert.Contains("DIGEST #2: does not link to the hash of digest #1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchor_AfterARunStoppedBeforeMovingTheDigestHead_ShouldKeepItsDigestAndWriteTheNext()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        using var s3 = S3();
        var archive = new S3DigestArchive(s3, bucket);
        var stopped = LedgerDigest.Next(await new DynamoDbLedgerHeads(dynamo, table).ReadDigestHeadAsync(CancellationToken.None), [], DateTimeOffset.UtcNow);
        Assert.True(await archive.PutNewAsync(stopped, CancellationToken.None));
        Assert.False(await archive.PutNewAsync(stopped with { CreatedAt = stopped.CreatedAt.AddSeconds(1) }, CancellationToken.None));

        var next = await Anchoring(dynamo, s3, table, bucket).AnchorAsync(CancellationToken.None);

        Assert.Equal(3, next.Number);
        Assert.Equal(stopped.Hash, next.PreviousHash);
        var (exit, output) = await VerifyAsync(table, bucket);
        Assert.Equal(0, exit);
        Assert.Contains("digests intact: 3 digest(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchor_WhenRunsOverlap_ShouldWriteEachDigestKeyOnceAndKeepTheDigestChainIntact()
    {
        var (table, bucket) = await AnchoredLedgerAsync();
        using var dynamo = Dynamo();
        using var s3 = S3();

        var digests = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Anchoring(dynamo, s3, table, bucket).AnchorAsync(CancellationToken.None))));

        Assert.Equal([2L, 3L, 4L, 5L], digests.Select(digest => digest.Number).Order());
        var versions = (await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions;
        Assert.Equal(5, versions.Count);
        Assert.Equal(5, versions.Select(version => version.Key).Distinct().Count());
        var (exit, output) = await VerifyAsync(table, bucket);
        Assert.Equal(0, exit);
        Assert.Contains("digests intact: 5 digest(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnchorCommand_ThenVerifyCommand_ShouldWriteTheNextDigestAndFindEveryChainAnchored()
    {
        var (table, bucket) = await AnchoredLedgerAsync();

        var (anchorExit, anchored, anchorErrors) = await GovernanceAsync("ledger", "anchor", "--table", table, "--digest-bucket", bucket);
        var (verifyExit, verified, verifyErrors) = await GovernanceAsync("ledger", "verify", "--table", table, "--digest-bucket", bucket);

        Assert.True(anchorExit == 0, anchorErrors);
        Assert.StartsWith("anchored digest #2 of 2 chain head(s) in s3://" + bucket + "/", anchored, StringComparison.Ordinal);
        Assert.True(verifyExit == 0, verified + verifyErrors);
        Assert.Contains("digests intact: 2 digest(s)", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnchorCommand_WithoutADigestBucket_ShouldNameTheSettingAndExitTwo()
    {
        var (exit, output, errors) = await GovernanceAsync("ledger", "anchor", "--table", "any-table");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("GOVERNANCE_DIGEST_BUCKET is not set", errors, StringComparison.Ordinal);
    }

    private async Task<(string Table, string Bucket)> AnchoredLedgerAsync()
    {
        using var dynamo = Dynamo();
        var table = MotoServer.UniqueName("anchor");
        await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
        for (var i = 1; i <= 5; i++)
        {
            await Append(dynamo, table, Subject, i);
        }

        await Append(dynamo, table, Other, 1);
        using var s3 = S3();
        var bucket = MotoServer.UniqueName("digests");
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = true });
        await s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Compliance, Days = 1 } },
            },
        });
        var digest = await Anchoring(dynamo, s3, table, bucket).AnchorAsync(CancellationToken.None);
        Assert.Equal(2, digest.Heads.Count);
        return (table, bucket);
    }

    private static LedgerAnchoring Anchoring(IAmazonDynamoDB dynamo, IAmazonS3 s3, string table, string bucket) =>
        new(new DynamoDbLedgerHeads(dynamo, table), new S3DigestArchive(s3, bucket), TimeProvider.System);

    private static Task<LedgerRecord> Append(IAmazonDynamoDB dynamo, string table, NodeRef subject, int i) =>
        new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System).AppendAsync(
            new LedgerEventDraft(subject, $"e{i}", "audit.test", DateTimeOffset.UnixEpoch.AddDays(20000 + i), null, null, null, new Dictionary<string, string>()),
            CancellationToken.None);

    private async Task<(int Exit, string Output)> VerifyAsync(string table, string bucket)
    {
        using var dynamo = Dynamo();
        using var s3 = S3();
        using var output = new StringWriter();
        var exit = await LedgerVerifyCommand.VerifyAgainstDigestsAsync(new DynamoDbLedgerChains(dynamo, table), new S3DigestArchive(s3, bucket), output, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Backfill_OfAnUpToDateLedger_ShouldSayWhatItReadAndChangeNothing()
    {
        var (table, _) = await AnchoredLedgerAsync();

        var (exit, output, errors) = await GovernanceAsync("ledger", "backfill", "--table", table);
        var (missingExit, _, missingErrors) = await GovernanceAsync("ledger", "backfill", "--table", MotoServer.UniqueName("absent"));

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.Contains("copied 0 location entries into their account's partition, re-keyed 0 open violation(s)", output, StringComparison.Ordinal);
        Assert.Equal(2, missingExit);
        Assert.StartsWith("governance ledger backfill: ", missingErrors, StringComparison.Ordinal);
    }

    /// <summary>The command line as a user runs it, with moto's endpoint and keys as its settings.</summary>
    private async Task<(int Exit, string Output, string Errors)> GovernanceAsync(params string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey,
        };
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(args, name => settings.GetValueOrDefault(name), output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    private AmazonDynamoDBClient Dynamo() => new(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    private AmazonS3Client S3() => new(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
        new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });
}
