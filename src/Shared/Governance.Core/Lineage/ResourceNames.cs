using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Core.Lineage;

/// <summary>The names the API accepts, checked against SageMaker's own rules before any lookup.</summary>
public static partial class ResourceNames
{
    /// <summary>SageMaker entity names (model package groups, endpoints): 1-63 letters, digits and inner dashes.</summary>
    public static bool IsEntityName(string? name) => name is not null && EntityName().IsMatch(name);

    public static bool IsRegion(string? region) => region is not null && Region().IsMatch(region);

    /// <summary>Model package versions are positive integers.</summary>
    public static bool TryParseVersion(string? text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    /// <summary>
    /// Splits a central model package ARN (<c>arn:aws:sagemaker:region:account:model-package/group/version</c>)
    /// into group and version.
    /// </summary>
    public static bool TryParseModelPackageArn(string? arn, [NotNullWhen(true)] out string? group, out int version)
    {
        group = null;
        version = 0;
        var match = arn is null ? null : ModelPackageArn().Match(arn);
        if (match is not { Success: true } || !TryParseVersion(match.Groups["version"].Value, out version))
        {
            return false;
        }

        group = match.Groups["group"].Value;
        return true;
    }

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();

    [GeneratedRegex("^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:[0-9]{12}:model-package/(?<group>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})/(?<version>[0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPackageArn();
}
