using System.Text.RegularExpressions;

namespace Governance.Core.Registry;

/// <summary>A bucket and key parsed from an <c>s3://</c> URI or an S3 <c>https://</c> URL (virtual-hosted or path style).</summary>
public sealed partial record S3Location(string Bucket, string Key)
{
    public string Uri => "s3://" + Bucket + "/" + Key;

    /// <summary>The location, or null when the text is not an S3 URI or URL.</summary>
    public static S3Location? ParseOrNull(string? value) => TryParse(value, out var location) ? location : null;

    public static bool TryParse(string? value, out S3Location? location)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value[5..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
            if (bucket.Length == 0)
            {
                return false;
            }

            location = new S3Location(bucket, key);
            return true;
        }

        if (!System.Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != System.Uri.UriSchemeHttps)
        {
            return false;
        }

        var path = System.Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var virtualHosted = VirtualHostedPattern().Match(uri.Host);
        if (virtualHosted.Success)
        {
            location = new S3Location(virtualHosted.Groups["bucket"].Value, path);
            return true;
        }

        if (PathStylePattern().IsMatch(uri.Host))
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? path : path[..slash];
            if (bucket.Length == 0)
            {
                return false;
            }

            location = new S3Location(bucket, slash < 0 ? string.Empty : path[(slash + 1)..]);
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(?<bucket>[a-z0-9][a-z0-9.\-]*)\.s3([.\-][a-z0-9\-]+)?\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VirtualHostedPattern();

    [GeneratedRegex(@"^s3([.\-][a-z0-9\-]+)?\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PathStylePattern();
}
