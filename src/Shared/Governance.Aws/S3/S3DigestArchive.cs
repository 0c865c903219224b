using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Governance.Core.Ledger.Anchoring;

namespace Governance.Aws.S3;

/// <summary>
/// Ledger digests in an S3 bucket with Object Lock in compliance mode: each digest is a new object under
/// <c>digests/</c>, written with <c>If-None-Match: *</c> so a key is written once even when anchoring runs overlap,
/// and retained by the bucket's default retention (no one can delete or overwrite a locked version). Reading lists every version, so a key written twice is reported, and reads each key's newest
/// version by id, so a delete marker (which Object Lock allows) hides nothing from verification.
/// </summary>
public sealed class S3DigestArchive(IAmazonS3 s3, string bucket) : IDigestArchive
{
    private const string Prefix = "digests/";

    public async Task<bool> PutNewAsync(LedgerDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        using var body = new MemoryStream(digest.Canonical());
        try
        {
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = digest.Key,
                    InputStream = body,
                    ContentType = "application/json",
                    ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                    IfNoneMatch = "*",
                },
                cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            // 412: the key holds a digest; 409: a concurrent conditional write to it is in flight.
            return false;
        }
    }

    public async Task<LedgerDigest?> ReadAsync(long number, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = LedgerDigest.DigestKey(number) }, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            return LedgerDigest.Parse(content.ToArray());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ArchivedDigest>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var newest = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new ListVersionsRequest { BucketName = bucket, Prefix = Prefix };
        ListVersionsResponse page;
        do
        {
            page = await s3.ListVersionsAsync(request, cancellationToken);
            foreach (var version in page.Versions ?? [])
            {
                versions[version.Key] = versions.GetValueOrDefault(version.Key) + 1;
                newest.TryAdd(version.Key, version.VersionId); // versions of a key are listed newest first
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
        while (page.IsTruncated == true);

        var digests = new List<ArchivedDigest>();
        foreach (var (key, count) in versions.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = newest[key] }, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            digests.Add(new ArchivedDigest(key, content.ToArray(), count));
        }

        return digests;
    }
}
