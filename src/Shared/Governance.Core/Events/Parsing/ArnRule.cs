namespace Governance.Core.Events.Parsing;

/// <summary>What an ARN the service acts on must look like: service, 12-digit account, resource prefix.</summary>
internal sealed record ArnRule(string Description, string Service, string ResourcePrefix, string? ResourceMustContain = null)
{
    public static readonly ArnRule ModelPackage = new("a SageMaker model package ARN", "sagemaker", "model-package/");
    public static readonly ArnRule Pipeline = new("a SageMaker pipeline ARN", "sagemaker", "pipeline/");
    public static readonly ArnRule PipelineExecution = new("a SageMaker pipeline execution ARN", "sagemaker", "pipeline/", "/execution/");
    public static readonly ArnRule ConfigRule = new("an AWS Config rule ARN", "config", "config-rule/");

    /// <summary>Null when <paramref name="arn"/> fits, else what is wrong with it.</summary>
    public string? Check(Arn arn)
    {
        if (!string.Equals(arn.Service, Service, StringComparison.Ordinal))
        {
            return $"is not {Description} (service is {arn.Service}, expected {Service})";
        }

        if (!arn.HasAccountId)
        {
            return $"is not {Description} (account must be a 12-digit account id)";
        }

        if (arn.Region.Length == 0)
        {
            return $"is not {Description} (region is empty)";
        }

        if (!arn.Resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || arn.Resource.Length == ResourcePrefix.Length)
        {
            return $"is not {Description} (resource must start with {ResourcePrefix})";
        }

        if (ResourceMustContain is not null && !arn.Resource.Contains(ResourceMustContain, StringComparison.Ordinal))
        {
            return $"is not {Description} (resource must contain {ResourceMustContain})";
        }

        return null;
    }
}
