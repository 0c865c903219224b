using System.Text.RegularExpressions;

namespace Governance.Core.Registry;

/// <summary>
/// A container image a model package runs, parsed from its URI
/// (<c>[registry/]repository[:tag][@sha256:digest]</c>). <see cref="Digest"/> comes from the package's
/// <c>ImageDigest</c> or, failing that, from an <c>@sha256:</c> URI; it is lower-case, e.g. <c>sha256:4dc8…</c>.
/// <see cref="EcrAccount"/> and <see cref="EcrRegion"/> are set when the registry is an Amazon ECR host.
/// </summary>
public sealed partial record ContainerImage(
    string Uri,
    string Registry,
    string Repository,
    string? Tag,
    string? Digest,
    string? EcrAccount,
    string? EcrRegion,
    string JsonPath)
{
    /// <summary>The registry Docker uses for references without a registry host.</summary>
    public const string DockerHubRegistry = "docker.io";

    /// <summary>The URI pinned to the digest (<c>registry/repository@sha256:…</c>), or null without a digest.</summary>
    public string? PinnedUri => Digest is null ? null : Registry + "/" + Repository + "@" + Digest;

    public static ContainerImage Parse(string uri, string? imageDigest, string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var reference = uri.Trim();
        string? uriDigest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            uriDigest = reference[(at + 1)..];
            reference = reference[..at];
        }

        var registry = DockerHubRegistry;
        var firstSlash = reference.IndexOf('/', StringComparison.Ordinal);
        if (firstSlash > 0)
        {
            var first = reference[..firstSlash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                registry = first;
                reference = reference[(firstSlash + 1)..];
            }
        }

        string? tag = null;
        var colon = reference.LastIndexOf(':');
        if (colon > reference.LastIndexOf('/'))
        {
            tag = reference[(colon + 1)..];
            reference = reference[..colon];
        }

        var digest = NormaliseDigest(imageDigest) ?? NormaliseDigest(uriDigest);
        var ecr = EcrHostPattern().Match(registry);
        return new ContainerImage(
            uri,
            registry.ToLowerInvariant(),
            reference,
            string.IsNullOrEmpty(tag) ? null : tag,
            digest,
            ecr.Success ? ecr.Groups["account"].Value : null,
            ecr.Success ? ecr.Groups["region"].Value : null,
            jsonPath);
    }

    private static string? NormaliseDigest(string? digest)
    {
        if (string.IsNullOrWhiteSpace(digest))
        {
            return null;
        }

        var trimmed = digest.Trim();
        return DigestPattern().IsMatch(trimmed) ? trimmed.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9\-]+)\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EcrHostPattern();
}
