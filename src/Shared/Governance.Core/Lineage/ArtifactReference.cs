using System.Text.RegularExpressions;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// What <c>GET /artifacts?uri=</c> can look up with a key: a dataset's S3 URI (object or prefix, exactly as the
/// training job named it), a SHA-256 checksum or digest (<c>sha256:&lt;hex&gt;</c>, an artifact or an image), or
/// an image URI pinned by digest (<c>…@sha256:&lt;hex&gt;</c>).
/// </summary>
public static partial class ArtifactReference
{
    /// <summary>The nodes the reference may name, most likely first.</summary>
    public static IReadOnlyList<NodeRef> Candidates(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Length > NodeRef.MaxIdLength)
        {
            throw new ApiBadRequestException($"uri is longer than {NodeRef.MaxIdLength} characters", "uri");
        }

        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            return S3Uri().IsMatch(uri)
                ? [new NodeRef(NodeTypes.Dataset, uri)]
                : throw new ApiBadRequestException($"'{uri}' is not an S3 URI of the form s3://bucket/key or s3://bucket/prefix/", "uri");
        }

        if (Digest().IsMatch(uri))
        {
            var digest = uri.ToLowerInvariant();
            return [new NodeRef(NodeTypes.Artifact, digest), new NodeRef(NodeTypes.Image, digest)];
        }

        var pinned = PinnedImage().Match(uri);
        if (pinned.Success)
        {
            return [new NodeRef(NodeTypes.Image, pinned.Groups["digest"].Value.ToLowerInvariant())];
        }

        throw new ApiBadRequestException(
            $"'{uri}' is neither an S3 URI (s3://bucket/key), a checksum or digest (sha256:<64 hex digits>) nor an image URI pinned by digest (repository@sha256:<64 hex digits>)",
            "uri");
    }

    [GeneratedRegex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\u0000-\\u001f]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex S3Uri();

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();

    [GeneratedRegex("^[^@\\s]+@(?<digest>sha256:[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedImage();
}
