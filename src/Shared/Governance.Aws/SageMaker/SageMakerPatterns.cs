using System.Text.RegularExpressions;

namespace Governance.Aws.SageMaker;

/// <summary>The SageMaker service model's name and ARN patterns, anchored (AWS matches them whole).</summary>
public static partial class SageMakerPatterns
{
    [GeneratedRegex(@"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    public static partial Regex EntityName();

    [GeneratedRegex(@"^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$")]
    public static partial Regex ArnOrName();

    [GeneratedRegex(@"^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)(/[0-9]{1,9})?$")]
    public static partial Regex VersionedArnOrName();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]{9,16}:[0-9]{12}:model-package/[\S]{1,2048}$")]
    public static partial Regex ModelPackageArn();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+$")]
    public static partial Regex ResourceArn();

    [GeneratedRegex(@"^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:([0-9]{12}|aws):pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255})$")]
    public static partial Regex PipelineNameOrArn();

    [GeneratedRegex(@"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$")]
    public static partial Regex PipelineExecutionName();

    [GeneratedRegex(@"^[A-Za-z0-9\-_]*$")]
    public static partial Regex PipelineParameterName();

    [GeneratedRegex(@"^[a-zA-Z0-9-]+$")]
    public static partial Regex ClientToken();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    public static partial Regex TagText();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*$")]
    public static partial Regex Description();
}
