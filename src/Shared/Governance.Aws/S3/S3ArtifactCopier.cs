using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace Governance.Aws.S3;

/// <summary>
/// Copies model artifacts between buckets with S3-computed SHA-256 checksums: one CopyObject up to the
/// multipart threshold (5 GiB, CopyObject's limit), UploadPartCopy above it. S3 keeps a full-object SHA-256 only for
/// single-part objects (its full-object multipart checksums are CRCs), so a multipart copy is checked against the
/// parts S3 reported and then read back once to compute its full SHA-256: every copy ends with the SHA-256 of its whole
/// content, checked against the expected one (given, or the source's own full-object SHA-256). Every read of the source names the account
/// expected to own its bucket (ExpectedBucketOwner on HeadObject, ExpectedSourceBucketOwner on CopyObject and
/// UploadPartCopy), so S3 refuses with 403 an object in a bucket of any other account, whatever IAM allows.
/// </summary>
public sealed class S3ArtifactCopier(IAmazonS3 s3, S3CopyOptions? options = null)
{
    private const int ReadBufferBytes = 1024 * 1024;

    private readonly IAmazonS3 _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
    private readonly S3CopyOptions _options = options ?? S3CopyOptions.Default;

    /// <param name="location">The object.</param>
    /// <param name="expectedOwner">The account that must own the bucket (S3 answers 403 otherwise); null for the service's own bucket.</param>
    /// <param name="cancellationToken">Invocation deadline.</param>
    public async Task<S3ObjectInfo> HeadAsync(S3ObjectLocation location, string? expectedOwner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var response = await _s3.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = location.Bucket, Key = location.Key, ChecksumMode = ChecksumMode.ENABLED, ExpectedBucketOwner = expectedOwner },
            cancellationToken);
        return new S3ObjectInfo(location, response.ContentLength, response.ETag?.Trim('"') ?? string.Empty,
            string.IsNullOrEmpty(response.ChecksumSHA256) ? null : response.ChecksumSHA256,
            string.IsNullOrEmpty(response.VersionId) ? null : response.VersionId);
    }

    /// <param name="source">Object to copy.</param>
    /// <param name="sourceOwner">The account that must own the source's bucket: the package's own.</param>
    /// <param name="target">Where to put the copy.</param>
    /// <param name="expectedSha256">Base64 SHA-256 the content must have (e.g. recorded at registration), if known.</param>
    /// <param name="cancellationToken">Invocation deadline.</param>
    public async Task<S3CopyResult> CopyAsync(
        S3ObjectLocation source, string sourceOwner, S3ObjectLocation target, string? expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(sourceOwner);
        ArgumentNullException.ThrowIfNull(target);
        var head = await HeadAsync(source, sourceOwner, cancellationToken);
        var expected = expectedSha256 ?? (IsFullObject(head.ChecksumSha256) ? head.ChecksumSha256 : null);
        if (expected is not null && head.ChecksumSha256 is { } stored && IsFullObject(stored) && stored != expected)
        {
            throw new S3ChecksumMismatchException(source, expected, stored);
        }

        var result = head.Size > _options.MultipartThreshold
            ? await MultipartCopyAsync(source, sourceOwner, target, head.Size, cancellationToken)
            : await SingleCopyAsync(source, sourceOwner, target, head.Size, cancellationToken);

        if (expected is not null && result.ChecksumSha256 != expected)
        {
            throw new S3ChecksumMismatchException(target, expected, result.ChecksumSha256);
        }

        return result;
    }

    private static bool IsFullObject(string? checksum) => checksum is { Length: > 0 } && !checksum.Contains('-', StringComparison.Ordinal);

    private async Task<S3CopyResult> SingleCopyAsync(S3ObjectLocation source, string sourceOwner, S3ObjectLocation target, long size, CancellationToken cancellationToken)
    {
        var response = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = source.Bucket,
            SourceKey = source.Key,
            ExpectedSourceBucketOwner = sourceOwner,
            DestinationBucket = target.Bucket,
            DestinationKey = target.Key,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        }, cancellationToken);
        var checksum = response.ChecksumSHA256;
        if (string.IsNullOrEmpty(checksum))
        {
            checksum = (await HeadAsync(target, null, cancellationToken)).ChecksumSha256;
        }

        return new S3CopyResult(target, size, checksum ?? throw new InvalidOperationException($"S3 returned no SHA-256 checksum for {target}"),
            string.IsNullOrEmpty(response.VersionId) ? null : response.VersionId, 1);
    }

    private async Task<S3CopyResult> MultipartCopyAsync(S3ObjectLocation source, string sourceOwner, S3ObjectLocation target, long size, CancellationToken cancellationToken)
    {
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = target.Bucket,
            Key = target.Key,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (long first = 0, number = 1; first < size; first += _options.PartSize, number++)
            {
                var part = await _s3.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = source.Bucket,
                    SourceKey = source.Key,
                    ExpectedSourceBucketOwner = sourceOwner,
                    DestinationBucket = target.Bucket,
                    DestinationKey = target.Key,
                    UploadId = upload.UploadId,
                    PartNumber = (int)number,
                    FirstByte = first,
                    LastByte = Math.Min(first + _options.PartSize, size) - 1,
                }, cancellationToken);
                parts.Add(new PartETag { PartNumber = (int)number, ETag = part.ETag, ChecksumSHA256 = part.ChecksumSHA256 });
            }

            var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = target.Bucket,
                Key = target.Key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);

            var checksum = string.IsNullOrEmpty(completed.ChecksumSHA256) ? (await HeadAsync(target, null, cancellationToken)).ChecksumSha256 : completed.ChecksumSHA256;
            if (checksum is null)
            {
                throw new InvalidOperationException($"S3 returned no SHA-256 checksum for {target}");
            }

            if (parts.TrueForAll(p => !string.IsNullOrEmpty(p.ChecksumSHA256)))
            {
                var composite = CompositeChecksum(parts.Select(p => p.ChecksumSHA256));
                if (checksum.Split('-')[0] != composite)
                {
                    throw new S3ChecksumMismatchException(target, composite, checksum);
                }
            }

            var full = await FullSha256Async(target, string.IsNullOrEmpty(completed.VersionId) ? null : completed.VersionId, cancellationToken);
            return new S3CopyResult(target, size, full, string.IsNullOrEmpty(completed.VersionId) ? null : completed.VersionId, parts.Count)
            {
                CompositeChecksumSha256 = checksum,
            };
        }
        catch
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = target.Bucket, Key = target.Key, UploadId = upload.UploadId },
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>The SHA-256 of the object's whole content, streamed (the version just written, when versioned).</summary>
    private async Task<string> FullSha256Async(S3ObjectLocation location, string? versionId, CancellationToken cancellationToken)
    {
        using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key, VersionId = versionId }, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ReadBufferBytes];
        int read;
        while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    /// <summary>S3's checksum of a multipart object: SHA-256 over the concatenated part checksums.</summary>
    public static string CompositeChecksum(IEnumerable<string> partChecksums)
    {
        using var buffer = new MemoryStream();
        foreach (var part in partChecksums)
        {
            buffer.Write(Convert.FromBase64String(part));
        }

        return Convert.ToBase64String(SHA256.HashData(buffer.ToArray()));
    }
}
