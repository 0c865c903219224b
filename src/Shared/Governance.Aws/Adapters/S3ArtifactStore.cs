using System.Net;
using Amazon.S3;
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
    public Task<string?> BucketOwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken) =>
        owners.OwnerAsync(bucket, packageAccount, cancellationToken);

    public async Task<ArtifactCopy> CopyAsync(string sourceUri, string sourceAccount, string centralKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceAccount);
        ArgumentException.ThrowIfNullOrEmpty(centralKey);
        var target = new S3ObjectLocation(centralBucket, centralKey);
        var copier = new S3ArtifactCopier(await s3ForAccount(sourceAccount, cancellationToken));
        S3ObjectLocation source;
        try
        {
            source = S3ObjectLocation.Parse(sourceUri);
        }
        catch (FormatException exception)
        {
            throw new FlowStepException($"artifact {sourceUri} is not an s3://bucket/key URI", retryable: false, exception);
        }

        try
        {
            var copy = await copier.CopyAsync(source, sourceAccount, target, null, cancellationToken);
            return new ArtifactCopy(source.ToString(), target.ToString(), Hex(copy.ChecksumSha256), copy.Size);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound || exception.ErrorCode is "NoSuchKey" or "NoSuchBucket" or "NotFound")
        {
            throw new FlowStepException(
                $"artifact {sourceUri} does not exist (S3 {exception.ErrorCode ?? "404"}): the package references an object that is gone; nothing was created centrally",
                retryable: false,
                exception);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.Forbidden || exception.ErrorCode == "AccessDenied")
        {
            throw new FlowStepException(
                $"access denied copying artifact {sourceUri} to {target} (S3 {exception.ErrorCode ?? "403"}): the bucket must be owned by the package's account {sourceAccount} and let the governance account read it",
                retryable: false,
                exception);
        }
        catch (S3ChecksumMismatchException exception)
        {
            throw new FlowStepException($"artifact {sourceUri} failed SHA-256 verification: {exception.Message}", retryable: true, exception);
        }
    }

    /// <summary>S3 reports base64; the ledger names artifacts by lower-case hex (a multipart composite keeps its "-parts" suffix).</summary>
    private static string Hex(string base64)
    {
        var dash = base64.IndexOf('-', StringComparison.Ordinal);
        var digest = dash < 0 ? base64 : base64[..dash];
        return Convert.ToHexStringLower(Convert.FromBase64String(digest)) + (dash < 0 ? string.Empty : base64[dash..]);
    }
}
