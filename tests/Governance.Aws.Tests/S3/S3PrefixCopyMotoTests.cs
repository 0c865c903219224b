using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws.Adapters;
using Governance.Aws.S3;
using Governance.Core.Flows;
using Governance.Testing;

namespace Governance.Aws.Tests.S3;

/// <summary>An uncompressed (S3Prefix) model copied object by object into the central bucket, on moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class S3PrefixCopyMotoTests(MotoServer moto) : IDisposable
{
    private readonly IAmazonS3 _s3 = MotoContext.Sdk(moto).S3(MotoContext.SdkCredentials);

    public void Dispose() => _s3.Dispose();

    private async Task<(S3ArtifactStore Store, string Team, string Central)> StoreAsync(params (string Key, string Content)[] objects)
    {
        var team = MotoServer.UniqueName("team-models");
        var central = MotoServer.UniqueName("central-models");
        await _s3.PutBucketAsync(team);
        await _s3.PutBucketAsync(central);
        foreach (var (key, content) in objects)
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = team, Key = key, ContentBody = content });
        }

        var store = new S3ArtifactStore((_, _) => ValueTask.FromResult(_s3), new S3BucketOwners((_, _) => ValueTask.FromResult(_s3), MotoServer.DefaultAccountId), central);
        return (store, team, central);
    }

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public async Task CopyPrefix_ShouldCopyEveryObjectUnderThePrefixWithItsOwnSha256InKeyOrder()
    {
        var (store, team, central) = await StoreAsync(
            ("churn/model/weights.bin", "weights"),
            ("churn/model/", string.Empty),
            ("churn/model/code/inference.py", "def predict(): pass"),
            ("churn/model/config.json", "{}"),
            ("churn/model-old/weights.bin", "old weights"));

        var copies = await store.CopyPrefixAsync($"s3://{team}/churn/model/", MotoServer.DefaultAccountId, "111111111111/churn/3/model/", CancellationToken.None);

        Assert.Equal(
            [$"s3://{central}/111111111111/churn/3/model/code/inference.py", $"s3://{central}/111111111111/churn/3/model/config.json", $"s3://{central}/111111111111/churn/3/model/weights.bin"],
            copies.Select(copy => copy.CentralUri));
        Assert.Equal([Sha256("def predict(): pass"), Sha256("{}"), Sha256("weights")], copies.Select(copy => copy.Sha256));
        Assert.Equal($"s3://{team}/churn/model/weights.bin", copies[2].SourceUri);
        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = central });
        Assert.Equal(3, listed.S3Objects.Count);
    }

    [Fact]
    public async Task CopyPrefix_WhenThePrefixHoldsNothing_ShouldFailForGoodNamingIt()
    {
        var (store, team, _) = await StoreAsync(("churn/other/weights.bin", "weights"));

        var error = await Assert.ThrowsAsync<FlowStepException>(
            () => store.CopyPrefixAsync($"s3://{team}/churn/model/", MotoServer.DefaultAccountId, "111111111111/churn/3/model/", CancellationToken.None));

        Assert.False(error.Retryable);
        Assert.Contains($"model data prefix s3://{team}/churn/model/ holds no object", error.Message, StringComparison.Ordinal);
    }
}
