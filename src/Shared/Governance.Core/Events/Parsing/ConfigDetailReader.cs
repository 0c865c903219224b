namespace Governance.Core.Events.Parsing;

/// <summary>
/// Reads a Config Rules Compliance Change detail (the same object is the SNS notification's <c>Message</c>).
/// Rule name, resource type and id fall back to the new evaluation's qualifier when the top level lacks them.
/// </summary>
internal static class ConfigDetailReader
{
    public static ConfigRulesComplianceChange Read(FieldReader detail)
    {
        var newResult = detail.RequiredObject("newEvaluationResult");
        var qualifier = Qualifier(newResult);
        var oldResult = detail.OptionalObject("oldEvaluationResult");

        var change = new ConfigRulesComplianceChange(
            RequiredWithFallback(detail, qualifier, "configRuleName"),
            detail.OptionalArn("configRuleARN", ArnRule.ConfigRule),
            RequiredWithFallback(detail, qualifier, "resourceType"),
            RequiredWithFallback(detail, qualifier, "resourceId"),
            detail.OptionalString("awsAccountId"),
            detail.OptionalString("awsRegion"),
            ReadEvaluation(newResult),
            oldResult is null ? null : ReadEvaluation(oldResult),
            detail.OptionalTime("notificationCreationTime"));
        return change;
    }

    private static ComplianceEvaluation ReadEvaluation(FieldReader result)
    {
        var identifier = result.OptionalObject("evaluationResultIdentifier");
        var qualifier = identifier?.OptionalObject("evaluationResultQualifier");
        var evaluation = new ComplianceEvaluation(
            result.RequiredToken("complianceType", Tokens.ComplianceType),
            result.OptionalString("annotation")?.Trim() is { Length: > 0 } annotation ? annotation : null,
            identifier?.OptionalTime("orderingTimestamp"),
            result.OptionalTime("resultRecordedTime"),
            result.OptionalTime("configRuleInvokedTime"),
            qualifier?.OptionalString("evaluationMode"));
        return evaluation;
    }

    private static FieldReader? Qualifier(FieldReader newResult) =>
        newResult.OptionalObject("evaluationResultIdentifier")?.OptionalObject("evaluationResultQualifier");

    private static string RequiredWithFallback(FieldReader detail, FieldReader? qualifier, string name)
    {
        if ((detail.OptionalString(name) ?? qualifier?.OptionalString(name)) is { } value)
        {
            return value;
        }

        detail.Fail($"{detail.PathOf(name)} is missing");
        return string.Empty;
    }
}
