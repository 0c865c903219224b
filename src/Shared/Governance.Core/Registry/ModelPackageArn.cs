using System.Globalization;

namespace Governance.Core.Registry;

/// <summary>
/// The parts of a SageMaker model package ARN:
/// <c>arn:{partition}:sagemaker:{region}:{account}:model-package/{group-or-name}[/{version}]</c>.
/// SageMaker lower-cases resource names in ARNs, so <see cref="Name"/> may differ in case from the group name.
/// </summary>
public sealed record ModelPackageArn(string Value, string Partition, string Region, string Account, string Name, int? Version)
{
    private const string ResourcePrefix = "model-package/";

    public static bool TryParse(string? value, out ModelPackageArn? arn)
    {
        arn = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sagemaker"
            || !parts[5].StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var resource = parts[5][ResourcePrefix.Length..].Split('/');
        if (resource.Length is < 1 or > 2 || resource[0].Length == 0)
        {
            return false;
        }

        int? version = null;
        if (resource.Length == 2)
        {
            if (!int.TryParse(resource[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return false;
            }

            version = parsed;
        }

        arn = new ModelPackageArn(value, parts[1], parts[3], parts[4], resource[0], version);
        return true;
    }
}
