using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Reads CodePipeline pipeline, stage and action state changes (kebab-case keys), in the EventBridge form and in
/// the CodeStar "processed" form, whose <c>additionalAttributes</c> add failure details.
/// </summary>
internal static class CodePipelineDetailReader
{
    public static CodePipelinePipelineExecutionStateChange ReadPipeline(FieldReader detail, FieldReader? additional)
    {
        var common = ReadCommon(detail);
        var trigger = detail.OptionalObject("execution-trigger");
        return new CodePipelinePipelineExecutionStateChange(
            common.Pipeline,
            common.ExecutionId,
            common.State,
            common.Version,
            common.Attempt,
            common.StartTime,
            trigger is null ? null : new CodePipelineTrigger(trigger.OptionalString("trigger-type"), trigger.OptionalString("trigger-detail")),
            detail.OptionalString("stop-execution-comments"),
            additional?.OptionalString("failedStage"),
            FailedActions(additional));
    }

    public static CodePipelineStageExecutionStateChange ReadStage(FieldReader detail)
    {
        var common = ReadCommon(detail);
        return new CodePipelineStageExecutionStateChange(
            common.Pipeline,
            common.ExecutionId,
            common.State,
            common.Version,
            common.Attempt,
            common.StartTime,
            detail.RequiredString("stage"));
    }

    public static CodePipelineActionExecutionStateChange ReadAction(FieldReader detail, FieldReader? additional)
    {
        var common = ReadCommon(detail);
        var type = detail.OptionalObject("type");
        var result = detail.OptionalObject("execution-result");
        return new CodePipelineActionExecutionStateChange(
            common.Pipeline,
            common.ExecutionId,
            common.State,
            common.Version,
            common.Attempt,
            common.StartTime,
            detail.RequiredString("stage"),
            detail.RequiredString("action"),
            detail.OptionalString("action-execution-id"),
            detail.OptionalString("region"),
            type is null
                ? null
                : new CodePipelineActionType(type.OptionalString("owner"), type.OptionalString("category"), type.OptionalString("provider"), type.OptionalString("version")),
            result is null
                ? null
                : new CodePipelineExecutionResult(
                    result.OptionalString("external-execution-id"),
                    result.OptionalString("external-execution-summary"),
                    result.OptionalString("external-execution-url"),
                    result.OptionalString("error-code")),
            additional?.OptionalString("additionalInformation"));
    }

    private static Common ReadCommon(FieldReader detail) => new(
        detail.RequiredString("pipeline"),
        detail.RequiredString("execution-id"),
        detail.RequiredToken("state", Tokens.CodePipelineState),
        detail.OptionalInteger("version"),
        detail.OptionalInteger("pipeline-execution-attempt"),
        detail.OptionalTime("start-time"));

    private static List<CodePipelineFailedAction> FailedActions(FieldReader? additional)
    {
        var failed = new List<CodePipelineFailedAction>();
        if (additional is null || !additional.TryGet("failedActions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return failed;
        }

        foreach (var action in actions.EnumerateArray())
        {
            if (action.ValueKind == JsonValueKind.Object)
            {
                var reader = additional.Child(action, "failedActions[]");
                failed.Add(new CodePipelineFailedAction(reader.OptionalString("action"), reader.OptionalString("additionalInformation")));
            }
        }

        return failed;
    }

    private sealed record Common(string Pipeline, string ExecutionId, CodePipelineState State, int? Version, int? Attempt, DateTimeOffset? StartTime);
}
