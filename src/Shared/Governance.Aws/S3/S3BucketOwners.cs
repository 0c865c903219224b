using Amazon.S3;
using Amazon.S3.Model;

namespace Governance.Aws.S3;

/// <summary>
/// Which account owns a bucket. S3 names no owner account for a bucket (ACLs name a canonical user, and HeadBucket
/// with ExpectedBucketOwner only says yes or 403, which is also what a missing permission says), but ListBuckets
/// lists exactly the buckets the calling account owns. So a bucket is the package account's when that account's
/// ListBuckets (as the team's reader role) has it, the governance account's when the governance account's has it,
/// and another account's, which cannot be named, otherwise.
/// </summary>
/// <param name="s3InAccount">An S3 client acting in the given account.</param>
/// <param name="centralAccount">The governance account.</param>
public sealed class S3BucketOwners(Func<string, CancellationToken, ValueTask<IAmazonS3>> s3InAccount, string centralAccount)
{
    /// <summary>ListBuckets' largest page.</summary>
    private const int PageSize = 10_000;

    /// <summary>The owner of <paramref name="bucket"/> when it is <paramref name="packageAccount"/> or the governance account; else null.</summary>
    public async Task<string?> OwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(packageAccount);
        foreach (var account in new[] { packageAccount, centralAccount }.Distinct(StringComparer.Ordinal))
        {
            if (await OwnsAsync(await s3InAccount(account, cancellationToken), bucket, cancellationToken))
            {
                return account;
            }
        }

        return null;
    }

    private static async Task<bool> OwnsAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        var request = new ListBucketsRequest { Prefix = bucket, MaxBuckets = PageSize };
        while (true)
        {
            var page = await s3.ListBucketsAsync(request, cancellationToken);
            if (page.Buckets?.Exists(listed => string.Equals(listed.BucketName, bucket, StringComparison.Ordinal)) == true)
            {
                return true;
            }

            if (string.IsNullOrEmpty(page.ContinuationToken))
            {
                return false;
            }

            request.ContinuationToken = page.ContinuationToken;
        }
    }
}
