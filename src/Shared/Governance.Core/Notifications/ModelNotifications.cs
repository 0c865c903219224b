using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Core.Policy;
using Governance.Core.Registry;

namespace Governance.Core.Notifications;

/// <summary>Builders for the registry notifications: <c>model.submitted</c>, <c>model.blocked</c>, <c>model.rejected</c>.</summary>
public static class ModelNotifications
{
    /// <summary>The team's package passed the policy and its central copy awaits approval.</summary>
    public static Notification Submitted(ModelPackage source, string centralPackageArn, PolicyDecision decision, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(decision);
        var subject = ModelSubject.From(source);
        var warnings = decision.Warnings;
        var warningText = warnings.Count == 0
            ? string.Empty
            : " with " + Count(warnings.Count, "warning", "warnings") + " (" + string.Join(", ", warnings.Select(result => result.RuleId)) + ")";
        var details = new DetailsBuilder()
            .Add("policyOutcome", decision.Outcome.WireName())
            .Add("policySummary", decision.Summary)
            .Add("policyDigest", decision.PolicyDigest)
            .Add("sourcePackageArn", source.Arn.Value)
            .Add("centralPackageArn", centralPackageArn)
            .Add("approvedBy", source.LastModifiedBy?.DisplayName)
            .Add("warnings", Results(warnings))
            .Add("images", new JsonArray([.. source.Images.Select(image => (JsonNode)(image.PinnedUri ?? image.Uri))]))
            .Add("artifacts", new JsonArray([.. source.Artifacts.Select(artifact => (JsonNode)new JsonObject
            {
                ["role"] = artifact.Description,
                ["uri"] = artifact.Uri,
            })]));
        return Create(
            NotificationEventType.ModelSubmitted,
            warnings.Count == 0 ? Severity.Info : Severity.Warning,
            occurredAt,
            subject,
            "Submitted: " + subject.DisplayName + " awaits central approval" + (warnings.Count == 0 ? string.Empty : " (" + Count(warnings.Count, "warning", "warnings") + ")"),
            subject.DisplayName + " from account " + subject.SourceAccount + " passed the governance policy" + warningText
                + " and awaits approval in the central registry.",
            details);
    }

    /// <summary>The team's package failed at least one blocking rule and was not copied.</summary>
    public static Notification Blocked(ModelPackage source, PolicyDecision decision, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(decision);
        var subject = ModelSubject.From(source);
        var violations = decision.Violations;
        var details = new DetailsBuilder()
            .Add("policyOutcome", decision.Outcome.WireName())
            .Add("policySummary", decision.Summary)
            .Add("policyDigest", decision.PolicyDigest)
            .Add("sourcePackageArn", source.Arn.Value)
            .Add("approvedBy", source.LastModifiedBy?.DisplayName)
            .Add("violations", Results(violations))
            .Add("warnings", Results(decision.Warnings))
            .Add("passedRules", new JsonArray([.. decision.Results.Where(result => result.Passed).Select(result => (JsonNode)result.RuleId)]));
        return Create(
            NotificationEventType.ModelBlocked,
            Severity.Warning,
            occurredAt,
            subject,
            "Blocked: " + subject.DisplayName + " failed " + Count(violations.Count, "governance rule", "governance rules"),
            subject.DisplayName + " from account " + subject.SourceAccount + " was not copied to the central registry: it failed "
                + Count(violations.Count, "blocking governance rule", "blocking governance rules") + " ("
                + string.Join(", ", violations.Select(result => result.RuleId)) + "). The details say why for each rule.",
            details);
    }

    /// <summary>A model risk manager rejected the central copy.</summary>
    public static Notification Rejected(ModelPackage centralPackage, string? rejectedBy, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(centralPackage);
        var subject = ModelSubject.From(centralPackage);
        var reason = string.IsNullOrWhiteSpace(centralPackage.ApprovalDescription) ? null : centralPackage.ApprovalDescription;
        var details = new DetailsBuilder()
            .Add("centralPackageArn", centralPackage.Arn.Value)
            .Add("sourcePackageArn", centralPackage.Tag(ProvenanceTags.SourcePackageArn))
            .Add("rejectedBy", rejectedBy)
            .Add("reason", reason);
        return Create(
            NotificationEventType.ModelRejected,
            Severity.Warning,
            occurredAt,
            subject,
            "Rejected: " + subject.DisplayName + " was rejected in the central registry",
            subject.DisplayName + " was rejected in the central registry"
                + (rejectedBy is null ? string.Empty : " by " + rejectedBy)
                + (reason is null ? "; no reason was given." : ": " + reason),
            details);
    }

    private static JsonArray Results(IEnumerable<RuleResult> results) =>
        new([.. results.Select(result => (JsonNode)new JsonObject
        {
            ["rule"] = result.RuleId,
            ["mode"] = result.Mode == RuleMode.Block ? "block" : "warn",
            ["explanation"] = result.Explanation,
        })]);

    internal static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    internal static Notification Create(
        NotificationEventType type,
        Severity severity,
        DateTimeOffset occurredAt,
        ModelSubject subject,
        string title,
        string summary,
        DetailsBuilder details,
        string? lineagePath = null,
        string? fullRecordPath = null) =>
        new(type, severity, occurredAt, subject, title, summary, details.Build(),
            lineagePath ?? QueryApiPaths.Lineage(subject),
            fullRecordPath ?? QueryApiPaths.FullRecord(subject));
}
