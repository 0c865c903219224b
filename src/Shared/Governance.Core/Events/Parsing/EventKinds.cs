namespace Governance.Core.Events.Parsing;

/// <summary>The source and detail-type pairs the service knows.</summary>
public static class EventKinds
{
    public const string SageMakerSource = "aws.sagemaker";
    public const string CodePipelineSource = "aws.codepipeline";
    public const string ConfigSource = "aws.config";
    public const string SnsSource = "aws.sns";

    public const string ModelPackageStateChange = "SageMaker Model Package State Change";
    public const string PipelineExecutionStatusChange = "SageMaker Model Building Pipeline Execution Status Change";
    public const string PipelineStepStatusChange = "SageMaker Model Building Pipeline Execution Step Status Change";
    public const string CodePipelinePipelineExecution = "CodePipeline Pipeline Execution State Change";
    public const string CodePipelineStageExecution = "CodePipeline Stage Execution State Change";
    public const string CodePipelineActionExecution = "CodePipeline Action Execution State Change";
    public const string ConfigRulesComplianceChange = "Config Rules Compliance Change";
    public const string ConfigurationItemChange = "Config Configuration Item Change";
    public const string CloudTrailApiCall = "AWS API Call via CloudTrail";
    public const string SnsNotification = "SNS Notification";

    /// <summary>
    /// Classifies by source and detail-type (case-insensitive). CloudTrail API calls arrive with the calling
    /// service's source (aws.s3, aws.sagemaker, …), so only their detail-type is checked.
    /// </summary>
    public static EventKind Classify(string source, string detailType)
    {
        if (Is(detailType, CloudTrailApiCall))
        {
            return EventKind.CloudTrailApiCall;
        }

        if (Is(source, SageMakerSource))
        {
            return Is(detailType, ModelPackageStateChange) ? EventKind.ModelPackageStateChange
                : Is(detailType, PipelineExecutionStatusChange) ? EventKind.PipelineExecutionStatusChange
                : Is(detailType, PipelineStepStatusChange) ? EventKind.PipelineStepStatusChange
                : EventKind.Unrecognised;
        }

        if (Is(source, CodePipelineSource))
        {
            return Is(detailType, CodePipelinePipelineExecution) ? EventKind.CodePipelinePipelineExecution
                : Is(detailType, CodePipelineStageExecution) ? EventKind.CodePipelineStageExecution
                : Is(detailType, CodePipelineActionExecution) ? EventKind.CodePipelineActionExecution
                : EventKind.Unrecognised;
        }

        if (!Is(source, ConfigSource))
        {
            return EventKind.Unrecognised;
        }

        return Is(detailType, ConfigRulesComplianceChange) ? EventKind.ConfigRulesComplianceChange
            : Is(detailType, ConfigurationItemChange) ? EventKind.ConfigurationItemChange
            : EventKind.Unrecognised;
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
