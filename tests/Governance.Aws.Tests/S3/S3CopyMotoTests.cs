using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.Runtime;
using Amazon.S3.Model;
using Governance.Aws.S3;
using Governance.Testing;

namespace Governance.Aws.Tests.S3;

/// <summary>Checksum-verified S3 copies on moto_server, single and multipart.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class S3CopyMotoTests(MotoServer moto) : IDisposable
{
    private readonly IAmazonS3 _s3 = MotoContext.Sdk(moto).S3(MotoContext.SdkCredentials);

    public void Dispose() => _s3.Dispose();

    private async Task<(S3ObjectLocation Source, string Target, byte[] Content)> ArtifactAsync(int size, bool withSha256)
    {
        var source = MotoServer.UniqueName("team-models");
        var target = MotoServer.UniqueName("central-models");
        await _s3.PutBucketAsync(source);
        await _s3.PutBucketAsync(target);
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var put = new PutObjectRequest { BucketName = source, Key = "churn/model.tar.gz", InputStream = new MemoryStream(content) };
        if (withSha256)
        {
            put.ChecksumAlgorithm = ChecksumAlgorithm.SHA256;
        }

        await _s3.PutObjectAsync(put);
        return (new S3ObjectLocation(source, "churn/model.tar.gz"), target, content);
    }

    [Fact]
    public async Task Copy_ShouldProduceSha256ChecksumOfTheContent()
    {
        var (source, target, content) = await ArtifactAsync(64 * 1024, withSha256: false);
        var copier = new S3ArtifactCopier(_s3);

        var result = await copier.CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "team-a/churn/model.tar.gz"), null, CancellationToken.None);

        var expected = Convert.ToBase64String(SHA256.HashData(content));
        Assert.Equal(expected, result.ChecksumSha256);
        Assert.Equal(1, result.Parts);
        Assert.Equal(content.Length, result.Size);
        var head = await copier.HeadAsync(result.Target, null, CancellationToken.None);
        Assert.Equal(expected, head.ChecksumSha256);
    }

    [Fact]
    public async Task Copy_WhenExpectedChecksumDiffers_ShouldThrowMismatch()
    {
        var (source, target, _) = await ArtifactAsync(1024, withSha256: false);
        var wrong = Convert.ToBase64String(SHA256.HashData("something else"u8));

        var error = await Assert.ThrowsAsync<S3ChecksumMismatchException>(
            () => new S3ArtifactCopier(_s3).CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "m.tar.gz"), wrong, CancellationToken.None));

        Assert.Equal(wrong, error.Expected);
    }

    [Fact]
    public async Task Copy_WhenSourceHasSha256_ShouldVerifyCopyAgainstIt()
    {
        var (source, target, content) = await ArtifactAsync(4096, withSha256: true);
        var copier = new S3ArtifactCopier(_s3);

        var sourceHead = await copier.HeadAsync(source, MotoServer.DefaultAccountId, CancellationToken.None);
        var result = await copier.CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "m.tar.gz"), null, CancellationToken.None);

        Assert.Equal(Convert.ToBase64String(SHA256.HashData(content)), sourceHead.ChecksumSha256);
        Assert.Equal(sourceHead.ChecksumSha256, result.ChecksumSha256);
    }

    [Fact]
    public async Task Copy_AboveMultipartThreshold_ShouldCopyInPartsAndEndWithTheFullObjectSha256()
    {
        const int MiB = 1024 * 1024;
        var (source, target, content) = await ArtifactAsync((11 * MiB) + 123, withSha256: false);
        var copier = new S3ArtifactCopier(_s3, new S3CopyOptions { MultipartThreshold = 8 * MiB, PartSize = 5 * MiB });

        var result = await copier.CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "big/model.tar.gz"), null, CancellationToken.None);

        Assert.Equal(3, result.Parts);
        // Real S3 appends "-<parts>" to a composite checksum; moto returns the bare composite. Both carry it first.
        var parts = Enumerable.Range(0, 3).Select(i => Convert.ToBase64String(SHA256.HashData(content.AsSpan(i * 5 * MiB, Math.Min(5 * MiB, content.Length - (i * 5 * MiB))))));
        Assert.Equal(S3ArtifactCopier.CompositeChecksum(parts), result.CompositeChecksumSha256!.Split('-')[0]);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(content)), result.ChecksumSha256);
        using var copy = await _s3.GetObjectAsync(target, "big/model.tar.gz");
        using var buffer = new MemoryStream();
        await copy.ResponseStream.CopyToAsync(buffer);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(buffer.ToArray()));
    }

    [Fact]
    public async Task Copy_AboveMultipartThreshold_WhenTheExpectedSha256Differs_ShouldThrowMismatch()
    {
        const int MiB = 1024 * 1024;
        var (source, target, _) = await ArtifactAsync((11 * MiB) + 7, withSha256: false);
        var copier = new S3ArtifactCopier(_s3, new S3CopyOptions { MultipartThreshold = 8 * MiB, PartSize = 5 * MiB });
        var wrong = Convert.ToBase64String(SHA256.HashData("another model"u8));

        var error = await Assert.ThrowsAsync<S3ChecksumMismatchException>(
            () => copier.CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "big/other.tar.gz"), wrong, CancellationToken.None));

        Assert.Equal(wrong, error.Expected);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData((11 * 1024 * 1024) + 123)]
    public async Task Copy_ShouldNameTheSourceAccountAsExpectedOwnerOfEveryReadOfTheSource(int size)
    {
        var (source, target, _) = await ArtifactAsync(size, withSha256: false);
        var requests = new ConcurrentQueue<(string Operation, IDictionary<string, string> Headers)>();
        ((AmazonS3Client)_s3).BeforeRequestEvent += (_, args) =>
        {
            if (args is WebServiceRequestEventArgs request)
            {
                requests.Enqueue((request.Request.GetType().Name, new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)));
            }
        };
        var copier = new S3ArtifactCopier(_s3, new S3CopyOptions { MultipartThreshold = 8 * 1024 * 1024, PartSize = 5 * 1024 * 1024 });

        await copier.CopyAsync(source, MotoServer.DefaultAccountId, new S3ObjectLocation(target, "owned/model.tar.gz"), null, CancellationToken.None);

        var sourceHead = requests.First(r => r.Operation == nameof(GetObjectMetadataRequest));
        var reads = requests.Where(r => r.Operation is nameof(CopyObjectRequest) or nameof(CopyPartRequest)).ToList();
        Assert.NotEmpty(reads);
        Assert.Equal(MotoServer.DefaultAccountId, sourceHead.Headers["x-amz-expected-bucket-owner"]);
        Assert.All(reads, read => Assert.Equal(MotoServer.DefaultAccountId, read.Headers["x-amz-source-expected-bucket-owner"]));
    }
}
