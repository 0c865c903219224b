using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Aws.S3;
using Governance.Core.Flows;

namespace Governance.Aws.Adapters;

/// <summary>
/// Copies artifacts into the central model bucket with S3-computed SHA-256 checksums (see <see cref="S3ArtifactCopier"/>).
/// Each copy runs on the S3 client for the package's account (<paramref name="s3ForAccount"/>): in AWS the artifact
/// copier role in a session tagged with that account, which IAM lets read only that account's objects and write
/// only under that account's prefix; and every read names that account as the expected bucket owner, so S3 itself
/// refuses an object in anyone else's bucket. Bucket owners for the policy come from <paramref name="owners"/>.
/// </summary>
public sealed class S3ArtifactStore(Func<string, CancellationToken, ValueTask<IAmazonS3>> s3ForAccount, S3BucketOwners owners, string centralBucket)
    : IArtifactStore
{
    /// <summary>The most objects one model prefix may hold; SageMaker's uncompressed models are a model's files, not a data lake.</summary>
    public const int MaxPrefixObjects = 1000;

    public Task<string?> BucketOwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken) =>
        owners.OwnerAsync(bucket, packageAccount, cancellationToken);

    public async Task<ArtifactCopy> CopyAsync(string sourceUri, string sourceAccount, string centralKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceAccount);
        ArgumentException.ThrowIfNullOrEmpty(centralKey);
        var copier = new S3ArtifactCopier(await s3ForAccount(sourceAccount, cancellationToken));
        return await CopyAsync(copier, Location(sourceUri), sourceAccount, centralKey, cancellationToken);
    }

    public async Task<IReadOnlyList<ArtifactCopy>> CopyPrefixAsync(string sourcePrefixUri, string sourceAccount, string centralPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceAccount);
        ArgumentException.ThrowIfNullOrEmpty(centralPrefix);
        var prefix = Location(sourcePrefixUri);
        var s3 = await s3ForAccount(sourceAccount, cancellationToken);
        var keys = await ListAsync(s3, prefix, sourceAccount, sourcePrefixUri, cancellationToken);
        var copier = new S3ArtifactCopier(s3);
        var copies = new List<ArtifactCopy>(keys.Count);
        foreach (var key in keys)
        {
            copies.Add(await CopyAsync(copier, prefix with { Key = key }, sourceAccount, centralPrefix + key[prefix.Key.Length..], cancellationToken));
        }

        return copies;
    }

    private static async Task<List<string>> ListAsync(IAmazonS3 s3, S3ObjectLocation prefix, string sourceAccount, string sourcePrefixUri, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key, ExpectedBucketOwner = sourceAccount };
        try
        {
            do
            {
                var page = await s3.ListObjectsV2Async(request, cancellationToken);
                keys.AddRange((page.S3Objects ?? []).Select(item => item.Key).Where(key => !key.EndsWith('/')));
                if (keys.Count > MaxPrefixObjects)
                {
                    throw new FlowStepException(
                        $"model data prefix {sourcePrefixUri} holds more than {MaxPrefixObjects} objects: register the model as one archive or a narrower prefix",
                        retryable: false);
                }

                request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (request.ContinuationToken is not null);
        }
        catch (AmazonS3Exception exception)
        {
            throw Failure(exception, sourcePrefixUri, sourceAccount, $"listing model data prefix {sourcePrefixUri}");
        }

        if (keys.Count == 0)
        {
            throw new FlowStepException($"model data prefix {sourcePrefixUri} holds no object: the package references data that is gone; nothing was created centrally", retryable: false);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static S3ObjectLocation Location(string uri)
    {
        try
        {
            return S3ObjectLocation.Parse(uri);
        }
        catch (FormatException exception)
        {
            throw new FlowStepException($"artifact {uri} is not an s3://bucket/key URI", retryable: false, exception);
        }
    }

    private async Task<ArtifactCopy> CopyAsync(S3ArtifactCopier copier, S3ObjectLocation source, string sourceAccount, string centralKey, CancellationToken cancellationToken)
    {
        var target = new S3ObjectLocation(centralBucket, centralKey);
        var sourceUri = source.ToString();
        try
        {
            var copy = await copier.CopyAsync(source, sourceAccount, target, null, cancellationToken);
            return new ArtifactCopy(sourceUri, target.ToString(), Convert.ToHexStringLower(Convert.FromBase64String(copy.ChecksumSha256)), copy.Size);
        }
        catch (AmazonS3Exception exception)
        {
            throw Failure(exception, sourceUri, sourceAccount, $"copying artifact {sourceUri} to {target}");
        }
        catch (S3ChecksumMismatchException exception)
        {
            throw new FlowStepException($"artifact {sourceUri} failed SHA-256 verification: {exception.Message}", retryable: true, exception);
        }
    }

    private static Exception Failure(AmazonS3Exception exception, string uri, string sourceAccount, string action) =>
        exception.StatusCode == HttpStatusCode.NotFound || exception.ErrorCode is "NoSuchKey" or "NoSuchBucket" or "NotFound"
            ? new FlowStepException(
                $"artifact {uri} does not exist (S3 {exception.ErrorCode ?? "404"}): the package references an object that is gone; nothing was created centrally",
                retryable: false,
                exception)
            : exception.StatusCode == HttpStatusCode.Forbidden || exception.ErrorCode == "AccessDenied"
                ? new FlowStepException(
                    $"access denied {action} (S3 {exception.ErrorCode ?? "403"}): the bucket must be owned by the package's account {sourceAccount} and let the governance account read it",
                    retryable: false,
                    exception)
                : exception;
}
