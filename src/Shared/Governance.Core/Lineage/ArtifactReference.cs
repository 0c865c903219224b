using System.Text.RegularExpressions;
using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Lineage;

/// <summary>
/// What <c>GET /artifacts?uri=</c> can look up: an S3 URI (an object or any prefix of keys, looked up in the
/// ledger's location index), a SHA-256 checksum or digest (<c>sha256:&lt;hex&gt;</c>, an artifact or an image), or
/// an image URI pinned by digest (<c>…@sha256:&lt;hex&gt;</c>).
/// </summary>
public static partial class ArtifactReference
{
    /// <summary>The bucket and key prefix of an S3 URI; null when the reference is no S3 URI.</summary>
    public static S3Location? Location(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        CheckLength(uri);
        if (!uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        return S3Uri().IsMatch(uri) && S3Location.ParseOrNull(uri) is { } location
            ? location
            : throw new ApiBadRequestException($"'{uri}' is not an S3 URI of the form s3://bucket/key, s3://bucket/prefix or s3://bucket", "uri");
    }

    /// <summary>The nodes a checksum, digest or pinned image URI may name, most likely first.</summary>
    public static IReadOnlyList<NodeRef> Candidates(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        CheckLength(uri);
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

    private static void CheckLength(string uri)
    {
        if (uri.Length > NodeRef.MaxIdLength)
        {
            throw new ApiBadRequestException($"uri is longer than {NodeRef.MaxIdLength} characters", "uri");
        }
    }

    [GeneratedRegex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\u0000-\\u001f]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex S3Uri();

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();

    [GeneratedRegex("^[^@\\s]+@(?<digest>sha256:[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedImage();
}
