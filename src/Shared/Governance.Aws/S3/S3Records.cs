namespace Governance.Aws.S3;

/// <summary>An S3 object address.</summary>
public sealed record S3ObjectLocation(string Bucket, string Key)
{
    /// <summary>Parses s3://bucket/key.</summary>
    public static S3ObjectLocation Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string Scheme = "s3://";
        var slash = uri.IndexOf('/', Scheme.Length);
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal) || slash <= Scheme.Length || slash == uri.Length - 1)
        {
            throw new FormatException($"'{uri}' is not an s3://bucket/key URI");
        }

        return new S3ObjectLocation(uri[Scheme.Length..slash], uri[(slash + 1)..]);
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";
}

/// <summary>HeadObject's answer.</summary>
/// <param name="Location">The object.</param>
/// <param name="Size">Content length in bytes.</param>
/// <param name="ETag">ETag without quotes.</param>
/// <param name="ChecksumSha256">Base64 SHA-256 S3 stores for the object (full object, or "checksum-of-checksums-N" for multipart), when any.</param>
/// <param name="VersionId">Version id, in versioned buckets.</param>
public sealed record S3ObjectInfo(S3ObjectLocation Location, long Size, string ETag, string? ChecksumSha256, string? VersionId);

/// <summary>The result of a checksum-verified copy.</summary>
/// <param name="Target">The copy.</param>
/// <param name="Size">Bytes copied.</param>
/// <param name="ChecksumSha256">Base64 SHA-256 of the whole copy: S3's own for a single CopyObject; for a multipart copy, whose
/// S3 SHA-256 is only a checksum of the parts' checksums, computed by reading the copy back.</param>
/// <param name="VersionId">Version id of the copy, in versioned buckets.</param>
/// <param name="Parts">1 for a single CopyObject, else the number of UploadPartCopy parts.</param>
public sealed record S3CopyResult(S3ObjectLocation Target, long Size, string ChecksumSha256, string? VersionId, int Parts)
{
    /// <summary>S3's composite checksum of a multipart copy (checksum of the part checksums, "-N" on AWS); null for a single copy.</summary>
    public string? CompositeChecksumSha256 { get; init; }
}

/// <summary>Bounds of the copy strategy.</summary>
public sealed record S3CopyOptions
{
    /// <summary>CopyObject copies at most 5 GiB; larger objects go through multipart copy.</summary>
    public long MultipartThreshold { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Part size for multipart copy (S3: 5 MiB..5 GiB, at most 10,000 parts).</summary>
    public long PartSize { get; init; } = 512L * 1024 * 1024;

    public static S3CopyOptions Default { get; } = new();
}

/// <summary>S3 reported a checksum that does not match the one expected; the copy must not be trusted.</summary>
public sealed class S3ChecksumMismatchException(S3ObjectLocation location, string expected, string actual)
    : Exception($"checksum mismatch for {location}: expected SHA-256 {expected}, S3 reports {actual}")
{
    public S3ObjectLocation Location { get; } = location;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
