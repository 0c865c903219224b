using System.Globalization;
using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>Reads the SageMaker details: model package (PascalCase keys) and pipelines (camelCase keys).</summary>
internal static class SageMakerDetailReaders
{
    public static ModelPackageStateChange ReadModelPackage(FieldReader detail)
    {
        var arn = detail.RequiredArn("ModelPackageArn", ArnRule.ModelPackage);
        var status = detail.RequiredToken("ModelApprovalStatus", Tokens.ApprovalStatus);
        var (groupFromArn, versionFromArn) = GroupAndVersion(arn);
        var lifeCycle = detail.OptionalObject("ModelLifeCycle");
        var metadata = detail.OptionalObject("MetadataProperties");

        var change = new ModelPackageStateChange(
            arn,
            detail.OptionalString("ModelPackageGroupName") ?? groupFromArn,
            detail.OptionalInteger("ModelPackageVersion") ?? versionFromArn,
            status,
            detail.OptionalString("ModelPackageStatus"),
            detail.OptionalString("ModelPackageName"),
            detail.OptionalString("ModelPackageDescription"),
            detail.OptionalString("ApprovalDescription"),
            detail.OptionalTime("CreationTime"),
            detail.OptionalTime("LastModifiedTime"),
            metadata?.OptionalString("GeneratedBy"),
            lifeCycle?.OptionalString("Stage"),
            lifeCycle?.OptionalString("StageStatus"),
            lifeCycle?.OptionalString("StageDescription"),
            detail.OptionalStringArray("UpdatedModelPackageFields"),
            ReadUser(detail.OptionalObject("CreatedBy")),
            ReadUser(detail.OptionalObject("LastModifiedBy")));
        return change;
    }

    public static PipelineExecutionStatusChange ReadPipelineExecution(FieldReader detail) => new(
        detail.RequiredArn("pipelineArn", ArnRule.Pipeline),
        detail.RequiredArn("pipelineExecutionArn", ArnRule.PipelineExecution),
        detail.RequiredToken("currentPipelineExecutionStatus", Tokens.ExecutionStatus),
        detail.OptionalToken("previousPipelineExecutionStatus", Tokens.ExecutionStatus),
        detail.OptionalString("pipelineExecutionDisplayName"),
        detail.OptionalString("pipelineExecutionDescription"),
        detail.OptionalTime("executionStartTime"),
        detail.OptionalTime("executionEndTime"),
        detail.OptionalString("failureReason"));

    public static PipelineStepStatusChange ReadPipelineStep(FieldReader detail)
    {
        var cacheHit = detail.OptionalObject("cacheHitResult");
        var change = new PipelineStepStatusChange(
            detail.RequiredArn("pipelineArn", ArnRule.Pipeline),
            detail.RequiredArn("pipelineExecutionArn", ArnRule.PipelineExecution),
            detail.RequiredString("stepName"),
            detail.OptionalString("stepType"),
            detail.RequiredToken("currentStepStatus", Tokens.StepStatus),
            detail.OptionalToken("previousStepStatus", Tokens.StepStatus),
            detail.OptionalTime("stepStartTime"),
            detail.OptionalTime("stepEndTime"),
            detail.OptionalString("failureReason"),
            StepJobArn(detail),
            cacheHit?.OptionalString("sourcePipelineExecutionArn"),
            detail.OptionalElement("metadata"));
        return change;
    }

    // metadata is keyed by step kind ({"processingJob": {"arn": ...}}, {"trainingJob": ...}); the first arn wins.
    private static string? StepJobArn(FieldReader detail)
    {
        var metadata = detail.OptionalObject("metadata");
        if (metadata is null)
        {
            return null;
        }

        foreach (var entry in metadata.Json.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object
                && metadata.Child(entry.Value, "*").OptionalString("arn") is { } arn)
            {
                return arn;
            }
        }

        return null;
    }

    private static SageMakerUser? ReadUser(FieldReader? user)
    {
        if (user is null)
        {
            return null;
        }

        var iam = user.OptionalObject("IamIdentity");
        return new SageMakerUser(
            user.OptionalString("UserProfileName"),
            user.OptionalString("UserProfileArn"),
            user.OptionalString("DomainId"),
            iam?.OptionalString("Arn"));
    }

    // model-package/<group>/<version> for versioned packages; unversioned ones are model-package/<name>.
    private static (string? Group, int? Version) GroupAndVersion(Arn arn)
    {
        var parts = arn.Resource.Split('/');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (parts[1], version)
            : (null, null);
    }
}
