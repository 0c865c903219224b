using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// SageMaker resource ARNs as the ledger names them. SageMaker lower-cases resource names in ARNs, so a name from
/// a request (<c>endpointName</c>) and the ARN from a response or an event name the same node.
/// </summary>
public static class SageMakerArns
{
    public const string Endpoint = "endpoint";
    public const string EndpointConfig = "endpoint-config";
    public const string Model = "model";
    public const string ModelPackage = "model-package";
    public const string ModelPackageGroup = "model-package-group";
    public const string NotebookInstance = "notebook-instance";

    /// <summary>The partition a region belongs to.</summary>
    public static string Partition(string? region) => region switch
    {
        not null when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        not null when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    /// <summary>
    /// The ARN of a resource given by name or ARN: an ARN is kept as it is, a name becomes
    /// <c>arn:{partition}:sagemaker:{region}:{account}:{kind}/{lower-cased name}</c>. Null when the value is empty or
    /// a name arrives without region or account.
    /// </summary>
    public static string? Of(string kind, string? nameOrArn, string? region, string? account)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (string.IsNullOrWhiteSpace(nameOrArn))
        {
            return null;
        }

        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        if (string.IsNullOrEmpty(region) || string.IsNullOrEmpty(account))
        {
            return null;
        }

        return "arn:" + Partition(region) + ":sagemaker:" + region + ":" + account + ":" + kind + "/" + nameOrArn.ToLowerInvariant();
    }

    /// <summary>The ledger node of a SageMaker resource kind (<see cref="Endpoint"/>, ...), or null for kinds the ledger does not track.</summary>
    public static string? NodeType(string kind) => kind switch
    {
        Endpoint => NodeTypes.Endpoint,
        EndpointConfig => NodeTypes.EndpointConfig,
        Model => NodeTypes.Model,
        NotebookInstance => NodeTypes.NotebookInstance,
        ModelPackageGroup => NodeTypes.ModelPackageGroup,
        _ => null,
    };
}
