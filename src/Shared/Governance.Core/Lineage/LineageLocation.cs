using Governance.Core.Events;

namespace Governance.Core.Lineage;

/// <summary>
/// Where the governed registry lives: the central account and region whose model package ARNs the API
/// builds from a group name and version.
/// </summary>
public sealed record LineageLocation
{
    public LineageLocation(string centralAccount, string region)
    {
        if (!AccountId.IsValid(centralAccount))
        {
            throw new ArgumentException($"central account '{centralAccount}' must be a 12-digit AWS account id", nameof(centralAccount));
        }

        if (!ResourceNames.IsRegion(region))
        {
            throw new ArgumentException($"region '{region}' is not an AWS region name such as us-east-1", nameof(region));
        }

        CentralAccount = centralAccount;
        Region = region;
    }

    public string CentralAccount { get; }

    public string Region { get; }

    public string ModelPackageArn(string group, int version) =>
        $"arn:aws:sagemaker:{Region}:{CentralAccount}:model-package/{group}/{version}";

    public string ModelPackageGroupArn(string group) =>
        $"arn:aws:sagemaker:{Region}:{CentralAccount}:model-package-group/{group}";

    public string EndpointArn(string name, string? account, string? region) =>
        $"arn:aws:sagemaker:{region ?? Region}:{account ?? CentralAccount}:endpoint/{name}";
}
