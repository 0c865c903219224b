using Amazon.Runtime;

namespace Governance.Aws.Credentials;

/// <summary>The region from AWSSDK.Core's chain (AWS_REGION, AWS_DEFAULT_REGION, profile, instance metadata).</summary>
public static class AwsRegion
{
    public static string Resolve() =>
        FallbackRegionFactory.GetRegionEndpoint()?.SystemName
        ?? throw new InvalidOperationException("No AWS region configured: set AWS_REGION (Lambda sets it for every function).");
}
